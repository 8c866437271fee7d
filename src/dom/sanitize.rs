//! The allow-list sanitizer for merchant HTML, built on the browser's own HTML parser.
//!
//! The input is parsed by `DOMParser` into an inert document (scripts do not run, images do not
//! load), then walked node by node. Nothing parsed is ever moved into the page: the output is a
//! fresh fragment of the page's own document, holding new elements for the tags
//! `core::html_policy` keeps, with only the attributes it allows, and new text nodes.

use wasm_bindgen::JsCast;
use web_sys::{Document, DocumentFragment, DomParser, Node};

use crate::core::html_policy::{attribute, tag_rule, TagRule, LINK_EXTRA_ATTRIBUTES};
use crate::core::url_policy::UrlPolicy;

/// How deep merchant markup may nest before the rest is dropped.
const MAX_DEPTH: u32 = 32;

/// Sanitizes `html` into a fragment of `target`.
pub fn sanitize(target: &Document, policy: &UrlPolicy, html: &str) -> Option<DocumentFragment> {
    let parser = DomParser::new().ok()?;
    // Through the `paypage` Trusted Types policy where the browser enforces them.
    let parse = js_sys::Reflect::get(&parser, &"parseFromString".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let parsed = parse
        .call2(
            &parser,
            &super::trusted::html_for_parser(html),
            &"text/html".into(),
        )
        .ok()?
        .dyn_into::<Document>()
        .ok()?;
    let body = parsed.body()?;
    let out = target.create_document_fragment();
    copy_children(target, policy, &body, &out, 0);
    Some(out)
}

/// Sanitizes to an HTML string (tests and diagnostics).
pub fn sanitize_to_string(policy: &UrlPolicy, html: &str) -> String {
    let Some(doc) = crate::dom::env::document() else {
        return String::new();
    };
    let Ok(holder) = doc.create_element("div") else {
        return String::new();
    };
    if let Some(fragment) = sanitize(&doc, policy, html) {
        let _ = holder.append_child(&fragment);
    }
    holder.inner_html()
}

fn copy_children(target: &Document, policy: &UrlPolicy, from: &Node, to: &Node, depth: u32) {
    if depth > MAX_DEPTH {
        return;
    }
    let children = from.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else {
            continue;
        };
        match child.node_type() {
            Node::TEXT_NODE => {
                let text = child.text_content().unwrap_or_default();
                let _ = to.append_child(&target.create_text_node(&text));
            }
            Node::ELEMENT_NODE => {
                let Some(el) = child.dyn_ref::<web_sys::Element>() else {
                    continue;
                };
                let tag = el.local_name();
                // Elements of other namespaces (SVG, MathML) are dropped whatever their name.
                let html_ns = el.namespace_uri().as_deref() == Some("http://www.w3.org/1999/xhtml");
                let rule = if html_ns {
                    tag_rule(&tag)
                } else {
                    TagRule::Drop
                };
                match rule {
                    TagRule::Drop => {}
                    TagRule::Unwrap => copy_children(target, policy, &child, to, depth + 1),
                    TagRule::Keep => {
                        let Ok(copy) = target.create_element(&tag) else {
                            continue;
                        };
                        let attrs = el.attributes();
                        for j in 0..attrs.length() {
                            if let Some(a) = attrs.item(j) {
                                if let Some(v) = attribute(policy, &tag, &a.name(), &a.value()) {
                                    let _ = copy.set_attribute(&a.name().to_ascii_lowercase(), &v);
                                }
                            }
                        }
                        if tag == "a" {
                            for (name, value) in LINK_EXTRA_ATTRIBUTES {
                                let _ = copy.set_attribute(name, value);
                            }
                        }
                        copy_children(target, policy, &child, &copy, depth + 1);
                        let _ = to.append_child(&copy);
                    }
                }
            }
            // Comments, processing instructions, doctypes: dropped.
            _ => {}
        }
    }
}
