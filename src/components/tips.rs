use leptos::html;
use leptos::prelude::*;

use crate::core::model::AccountTip;
use crate::core::present::tips_to_show;

use super::page;

/// The merchant's tips (account tip and/or pay_tip by the tip_cover rule), through the
/// allow-list sanitizer: parsed by the browser, rebuilt from allowed nodes only.
#[component]
pub fn MerchantTips(pay_tip: Option<String>, account: AccountTip) -> impl IntoView {
    let policy = page().config.url_policy();
    let tips: Vec<String> = tips_to_show(pay_tip.as_deref(), &account)
        .into_iter()
        .map(str::to_owned)
        .collect();
    (!tips.is_empty()).then(|| {
        let node: NodeRef<html::Div> = NodeRef::new();
        crate::hooks::effect(move || {
            let (Some(el), Some(doc)) = (node.get(), crate::dom::env::document()) else {
                return;
            };
            // Emptied through textContent: no HTML string is written into the page.
            el.set_text_content(None);
            for (i, tip) in tips.iter().enumerate() {
                let Ok(p) = doc.create_element("div") else {
                    continue;
                };
                p.set_class_name("pp-tip");
                let _ =
                    p.set_attribute("data-tip-index", &crate::core::numtext::int_text(i as i64));
                if let Some(fragment) = crate::dom::sanitize::sanitize(&doc, &policy, tip) {
                    let _ = p.append_child(&fragment);
                }
                let _ = el.append_child(&p);
            }
        });
        view! { <div class="pp-tips" id="pp-tips" node_ref=node></div> }
    })
}
