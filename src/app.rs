//! The app: reads the page (mount element, injected values, URL), builds the configuration and
//! texts, and renders the screen of the order's phase.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::ApiClient;
use crate::components::{
    announcement_text, FinalScreen, OrderScreen, PageContext, PageKind, Shell,
};
use crate::core::clock::ServerClock;
use crate::core::config::{on_brand_text, AudioPolicy, AutoOpen, PageConfig};
use crate::core::i18n::{Key, Locale, Texts};
use crate::core::machine::{Cashier, Event, MachineConfig};
use crate::core::money::parse_yuan;
use crate::core::order_ref::{find_order_ref, is_rendered, parse_query, Here, OrderRef};
use crate::core::present::Browser;
use crate::dom::env;
use crate::hooks::{
    use_announcer, use_audio_with_options, use_clipboard, use_countdown, use_order, use_order_view,
    use_page_events, use_return_countdown, UseAnnouncerOptions, UseAudioOptions, UseOrderOptions,
};

/// What the host injected into the page (`data-inject-*` on the mount element).
#[derive(Clone, Debug, Default)]
pub struct Injected {
    pub order_id: Option<String>,
    pub server_time: Option<i64>,
    pub subject: Option<String>,
    pub amount: Option<String>,
    /// The site's name the merchant set in XArr's admin (`${"web_title" | get_option | html}`).
    pub web_title: Option<String>,
    /// The site's logo (`web_logo`), unchecked.
    pub web_logo: Option<String>,
}

/// Everything read from the page once at start.
#[derive(Clone)]
pub struct Boot {
    pub context: PageContext,
    pub order: Option<OrderRef>,
    pub injected: Injected,
}

/// Reads the page: configuration (warnings go to the console), injected values, order, language.
pub fn read_boot(mount: &web_sys::Element) -> Boot {
    let attrs = env::data_attributes(mount);
    let get = |name: &str| {
        attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .filter(|v| is_rendered(v))
    };
    let (mut config, warnings) =
        PageConfig::from_attributes(attrs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    let query = env::query();
    let params = parse_query(&query);
    let query_lang = params
        .iter()
        .find(|(k, _)| k == "lang")
        .map(|(_, v)| v.clone());
    let locale = Locale::choose(
        query_lang.as_deref(),
        config.lang.as_deref(),
        &env::languages(),
    );
    let mut texts = Texts::new(locale);
    let mut all_warnings = warnings;
    if let Some(json) = &config.texts {
        all_warnings.extend(texts.merge_parsed(crate::api::json::parse(json)));
    }
    for w in &all_warnings {
        env::warn(&["paypage config: ", w.as_str()].concat());
    }
    let injected = Injected {
        order_id: get("inject-order-id"),
        server_time: get("inject-server-time").and_then(|v| v.trim().parse().ok()),
        subject: get("inject-subject"),
        amount: get("inject-amount"),
        web_title: get("inject-web-title"),
        web_logo: get("inject-web-logo"),
    };
    // The site's name and logo where the merchant set none.
    config.adopt_site(injected.web_title.as_deref(), injected.web_logo.as_deref());
    let order = find_order_ref(injected.order_id.as_deref(), &env::path(), &query);
    let kind = match get("page").as_deref() {
        Some("status") => PageKind::Status,
        Some("separate") => PageKind::Separate,
        _ => PageKind::Pay,
    };
    let display_id = order
        .as_ref()
        .map(|o| o.display_id().to_owned())
        .unwrap_or_default();
    Boot {
        context: PageContext {
            texts,
            config,
            browser: Browser::from_user_agent(&env::user_agent()),
            kind,
            display_id,
        },
        order,
        injected,
    }
}

/// Mounts the app into `#paypage` (replacing the pre-rendered content).
pub fn start() {
    crate::dom::panic::install();
    let Some(mount) = env::mount_element() else {
        env::warn("paypage: no #paypage element to mount into");
        return;
    };
    let boot = read_boot(&mount);
    apply_document_settings(&boot.context);
    // After a first paint the app renders beside it, hidden, and takes over when its screen is
    // settled (`use_takeover`); else it replaces the pre-rendered screen at once, emptied through
    // textContent (not innerHTML: a Trusted Types sink).
    // Only the pay page of an order has a first paint to take over (and only `OrderFlow` reveals).
    let takes_over = boot.order.is_some() && boot.context.kind == PageKind::Pay;
    let target = match takes_over
        .then(|| crate::dom::takeover::holder(&mount))
        .flatten()
    {
        Some(holder) => holder,
        None => {
            mount.set_text_content(None);
            mount
        }
    };
    let handle = leptos::mount::mount_to(target, move || view! { <Root boot=boot/> });
    handle.forget();
}

fn apply_document_settings(ctx: &PageContext) {
    let Some(doc) = env::document() else { return };
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("lang", ctx.texts.locale.tag());
        // Through the CSSOM, not a style attribute: a strict CSP (style-src 'self') allows this.
        if let (Some(color), Some(root)) = (
            &ctx.config.brand_color,
            root.dyn_ref::<web_sys::HtmlElement>(),
        ) {
            let (on, _) = on_brand_text(color);
            let style = root.style();
            let _ = style.set_property("--pp-brand", color);
            let _ = style.set_property("--pp-on-brand", on);
        }
    }
    doc.set_title(ctx.config.document_title(ctx.texts.get(Key::page_title)));
}

/// The root: provides the page context and picks the flow.
#[component]
pub fn Root(boot: Boot) -> impl IntoView {
    crate::components::provide_page(boot.context.clone());
    match boot.order.clone() {
        None => view! {
            <Shell announce=RwSignal::new(String::new()).read_only() contact=Signal::derive(|| None::<String>)>
                <FinalScreen phase="no-order" title=Key::not_found_title body=Key::no_order_id/>
            </Shell>
        }
        .into_any(),
        Some(order) => view! { <OrderFlow boot=boot order=order/> }.into_any(),
    }
}

/// The whole flow of one order: the hooks that run it, and the screen of its phase.
#[component]
fn OrderFlow(boot: Boot, order: OrderRef) -> impl IntoView {
    let ctx = boot.context;
    let cfg = &ctx.config;
    let flow = use_order(order_options(&ctx, order, &boot.injected));
    use_page_events(flow.dispatch.clone());
    provide_context(use_clipboard());
    let view = use_order_view(flow.state);
    let on_zero = flow.dispatch.clone();
    let remaining = use_countdown(view.expire, flow.clock, move || {
        on_zero.send(Event::CountdownEnded)
    });
    let return_left = use_return_countdown(flow.return_at);
    let audio = use_audio_with_options(
        view.audio,
        view.qr_shown,
        UseAudioOptions {
            policy: cfg.audio,
            urls: cfg.url_policy(),
            tts: cfg.tts_url.clone(),
        },
    );
    let announcer = use_announcer(UseAnnouncerOptions {
        reconnecting: view.reconnecting,
        checking: view.checking,
        remaining,
        words: announcement_text,
    });
    crate::hooks::use_focus_on_phase(view.phase, announcer.say);
    let state = flow.state;
    crate::hooks::use_takeover(Signal::derive(move || state.with(|s| s.settled())));
    let state = flow.state;
    let contact =
        Signal::derive(move || state.with(|s| s.order.as_ref().and_then(|o| o.service_qq.clone())));
    view! {
        <Shell announce=announcer.text contact=contact>
            <OrderScreen state=flow.state view=view remaining=remaining return_left=return_left
                audio=audio dispatch=flow.dispatch loading_subject=boot.injected.subject
                loading_amount=boot.injected.amount/>
        </Shell>
    }
}

/// How the hook runs this page's order: the API client, the machine's configuration, the clock.
fn order_options(ctx: &PageContext, order: OrderRef, injected: &Injected) -> UseOrderOptions {
    let cfg = &ctx.config;
    let (order_ids, out_order_ids) = match &order {
        OrderRef::OrderId(id) => (vec![id.clone()], vec![]),
        OrderRef::OutOrder { out_order_id, .. } => (vec![], vec![out_order_id.clone()]),
    };
    let here = Here {
        origin: env::origin(),
        path: env::path(),
        order_ids,
        out_order_ids,
    };
    let server_time = injected.server_time;
    UseOrderOptions {
        order,
        client: ApiClient {
            base: cfg.api_base.clone(),
            timeout_ms: cfg.request_timeout_ms,
        },
        machine: MachineConfig {
            poll: cfg.poll,
            urls: cfg.url_policy(),
            audio: cfg.audio == AudioPolicy::On && ctx.kind != PageKind::Status,
            // The status page shows the order's state: it never asks for a QR code.
            qr: ctx.kind != PageKind::Status,
            grace_secs: cfg.grace_secs,
            browser: ctx.browser,
            auto_open: cfg.auto_open == AutoOpen::Server,
            here,
            page_amount: injected.amount.as_deref().and_then(parse_yuan),
            return_wait_override: cfg.return_delay,
            // Each page its own jitter, so that many pages do not retry in lockstep.
            seed: (js_sys::Math::random() * (u64::MAX as f64)) as u64,
            // The pay page sends an order without a pay type to its separate page, where the
            // customer chooses one.
            cashier: match ctx.kind {
                PageKind::Pay => Cashier::Send,
                PageKind::Separate => Cashier::Choose,
                PageKind::Status => Cashier::Off,
            },
            // Filled from the page's order by `use_order`.
            order_id: None,
        },
        clock: match server_time {
            // Paired with the moment the HTML arrived, not the app's start: the load time is
            // time the customer no longer has.
            Some(secs) => ServerClock::from_injected(secs, env::html_arrived_ms()),
            None => ServerClock::default(),
        },
        start: true,
    }
}
