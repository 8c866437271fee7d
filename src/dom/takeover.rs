//! The app taking the screen over from the page's first paint (the code and "open the app" link
//! the boot script painted before the app ran): the app renders beside it, hidden, and replaces it
//! in one step once its own screen is settled, so the customer sees no change, no flash and no
//! jump.

use wasm_bindgen::JsCast;

use super::env::document;

/// The first paint's box (`data-painted` once the boot script painted the code).
const FIRST_PAINT: &str = "pp-first";
/// The first paint's "open the app" link.
const FIRST_LINK: &str = "pp-first-open-app";
/// The hidden element the app renders into while the first paint is on screen.
const APP_HOLDER: &str = "pp-app";

/// Where to mount the app: a new hidden element inside `mount`, after the first paint, when the
/// boot script painted the code; `None` when it did not (the app then replaces the pre-rendered
/// screen at once, as usual).
pub fn holder(mount: &web_sys::HtmlElement) -> Option<web_sys::HtmlElement> {
    let doc = document()?;
    let painted = doc
        .get_element_by_id(FIRST_PAINT)
        .is_some_and(|e| e.has_attribute("data-painted"));
    if !painted {
        return None;
    }
    let holder = doc
        .create_element("div")
        .ok()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()?;
    holder.set_id(APP_HOLDER);
    holder.set_hidden(true);
    mount.append_child(&holder).ok()?;
    Some(holder)
}

/// Whether the app is mounted hidden behind a first paint (and so has a takeover ahead).
pub fn pending() -> bool {
    hidden_holder().is_some()
}

fn hidden_holder() -> Option<web_sys::HtmlElement> {
    document()?
        .get_element_by_id(APP_HOLDER)
        .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|h| h.hidden())
}

/// Replaces the first paint with the app's screen, once: removes the pre-rendered nodes, shows the
/// app. Focus on the first paint's link moves to the app's; the scroll position is kept.
pub fn reveal() {
    let (Some(doc), Some(holder)) = (document(), hidden_holder()) else {
        return;
    };
    let had_focus = doc.active_element().is_some_and(|e| e.id() == FIRST_LINK);
    let scroll = web_sys::window().and_then(|w| w.scroll_y().ok());
    if let Some(mount) = holder.parent_node() {
        let nodes = mount.child_nodes();
        let others: Vec<web_sys::Node> = (0..nodes.length())
            .filter_map(|i| nodes.item(i))
            .filter(|n| !n.is_same_node(Some(&holder)))
            .collect();
        for node in others {
            let _ = mount.remove_child(&node);
        }
    }
    holder.set_hidden(false);
    if let (Some(y), Some(w)) = (scroll, web_sys::window()) {
        w.scroll_to_with_x_and_y(0.0, y);
    }
    if had_focus {
        if let Some(link) = doc
            .get_element_by_id("pp-open-app")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = link.focus();
        }
    }
}
