//! The app: reads the page (mount element, injected values, URL), builds the configuration and
//! texts, and renders the screen of the order's phase.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::ApiClient;
use crate::components::{
    FinalScreen, LoadingScreen, PageContext, PageKind, PaidScreen, PendingScreen, Shell,
    UnavailableScreen,
};
use crate::core::clock::{crossed_threshold, format_countdown, ServerClock};
use crate::core::config::{on_brand_text, AudioPolicy, AutoOpen, PageConfig};
use crate::core::error::ErrorKind;
use crate::core::i18n::{Key, Locale, Texts};
use crate::core::machine::{Event, MachineConfig, Phase, QrState};
use crate::core::money::yuan_with_sign;
use crate::core::order_ref::{find_order_ref, is_rendered, parse_query, OrderRef};
use crate::core::present::{Browser, QrPlan};
use crate::dom::env;
use crate::hooks::{
    use_audio, use_clipboard, use_countdown, use_order, use_page_events, UseOrderOptions,
};

/// What the host injected into the page (`data-inject-*` on the mount element).
#[derive(Clone, Debug, Default)]
pub struct Injected {
    pub order_id: Option<String>,
    pub server_time: Option<i64>,
    pub subject: Option<String>,
    pub amount: Option<String>,
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
    let (config, warnings) =
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
        env::warn(&format!("paypage config: {w}"));
    }
    let injected = Injected {
        order_id: get("inject-order-id"),
        server_time: get("inject-server-time").and_then(|v| v.trim().parse().ok()),
        subject: get("inject-subject"),
        amount: get("inject-amount"),
    };
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
    // Emptied through textContent (not innerHTML: a Trusted Types sink).
    mount.set_text_content(None);
    let handle = leptos::mount::mount_to(mount, move || view! { <Root boot=boot/> });
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
    doc.set_title(ctx.texts.get(Key::page_title));
}

/// The root: provides the page context and picks the flow.
#[component]
pub fn Root(boot: Boot) -> impl IntoView {
    provide_context(boot.context.clone());
    match boot.order.clone() {
        None => view! {
            <Shell announce=Signal::derive(String::new) contact=Signal::derive(|| None::<String>)>
                <FinalScreen phase="no-order" title=Key::not_found_title body=Key::no_order_id/>
            </Shell>
        }
        .into_any(),
        Some(order) => view! { <OrderFlow boot=boot order=order/> }.into_any(),
    }
}

/// The whole flow of one order.
#[component]
fn OrderFlow(boot: Boot, order: OrderRef) -> impl IntoView {
    let ctx = boot.context.clone();
    let cfg = ctx.config.clone();
    let clock = match boot.injected.server_time {
        Some(secs) => ServerClock::from_injected(secs, env::now_ms()),
        None => ServerClock::default(),
    };
    let flow = use_order(UseOrderOptions {
        order,
        client: ApiClient {
            base: cfg.api_base.clone(),
            timeout_ms: cfg.request_timeout_ms,
        },
        machine: MachineConfig {
            poll: cfg.poll,
            urls: cfg.url_policy(),
            audio: cfg.audio == AudioPolicy::On && ctx.kind != PageKind::Status,
            return_wait_override: cfg.return_delay,
            // Each page its own jitter, so that many pages do not retry in lockstep.
            seed: (js_sys::Math::random() * (u64::MAX as f64)) as u64,
        },
        clock,
        start: true,
    });
    use_page_events(flow.dispatch.clone());
    provide_context(use_clipboard());
    let state = flow.state;
    let phase = Memo::new(move |_| state.with(|s| s.phase.clone()));
    let qr = Memo::new(move |_| state.with(|s| s.qr.clone()));
    let reconnecting = Memo::new(move |_| state.with(|s| s.reconnecting()));
    let checking = Memo::new(move |_| state.with(|s| s.final_check && s.phase == Phase::Pending));
    let expire = Memo::new(move |_| {
        state.with(|s| {
            (s.phase == Phase::Pending)
                .then(|| s.expire_time())
                .flatten()
        })
    });
    let clock_signal = Signal::from(flow.clock);
    let d = flow.dispatch.clone();
    let remaining = use_countdown(expire.into(), clock_signal, move || {
        d.send(Event::CountdownEnded)
    });
    // The success screen's own countdown: the wait, counted from when the page saw "paid".
    let return_deadline = Memo::new(move |_| {
        state.with(|s| {
            (s.phase == Phase::Paid && s.return_to.is_some()).then(|| {
                let now = flow.clock.get_untracked().server_now_ms(env::now_ms());
                (now + s.return_wait_secs * 1000) / 1000
            })
        })
    });
    let return_left = use_countdown(return_deadline.into(), clock_signal, || {});
    let qr_shown = Memo::new(move |_| {
        matches!(
            qr.get(),
            Some(QrState::Ready {
                plan: QrPlan::Encode(_) | QrPlan::Image(_),
                ..
            })
        )
    });
    let audio_info = Memo::new(move |_| state.with(|s| s.audio.clone()));
    let audio = use_audio(
        audio_info.into(),
        qr_shown.into(),
        cfg.audio,
        cfg.url_policy(),
        cfg.tts_url.clone(),
    );
    crate::hooks::use_auto_open(
        state,
        qr_shown.into(),
        ctx.browser,
        cfg.auto_open == AutoOpen::Server,
        cfg.url_policy(),
    );

    // Announcements: phase changes, reconnecting, countdown thresholds.
    let (announce, set_announce) = signal(String::new());
    Effect::new(move |prev: Option<Option<i64>>| {
        let now = remaining.get();
        if let (Some(Some(before)), Some(after)) = (prev, now) {
            if let Some(th) = crossed_threshold(before, after) {
                set_announce.set(super::components::tf(
                    Key::time_left_announce,
                    &[("time", &format_countdown(th))],
                ));
            }
        }
        now
    });
    Effect::new(move |_| {
        let text = match phase.get() {
            Phase::Paid => Some(Key::paid_title),
            Phase::Closed => Some(Key::closed_title),
            Phase::Expired => Some(Key::expired_title),
            Phase::Failed => Some(Key::failed_title),
            Phase::NotFound => Some(Key::not_found_title),
            Phase::Unavailable { error, .. } if *error.kind() == ErrorKind::UnreadableOrder => {
                Some(Key::unreadable_title)
            }
            Phase::Unavailable { .. } => Some(Key::unavailable_title),
            Phase::Pending | Phase::Loading => None,
        };
        if let Some(k) = text {
            set_announce.set(crate::components::t(k));
        }
    });
    Effect::new(move |_| {
        if reconnecting.get() {
            set_announce.set(crate::components::t(Key::reconnecting));
        }
    });

    let contact =
        Signal::derive(move || state.with(|s| s.order.as_ref().and_then(|o| o.service_qq.clone())));
    let injected = boot.injected.clone();
    let dispatch = flow.dispatch.clone();
    view! {
        <Shell announce=announce contact=contact>
            {move || {
                let dispatch = dispatch.clone();
                match phase.get() {
                    Phase::Loading => view! {
                        <LoadingScreen subject=injected.subject.clone() amount=injected.amount.clone()/>
                    }.into_any(),
                    Phase::Pending => {
                        let order = state.with_untracked(|s| s.order.clone()).unwrap_or_default();
                        view! {
                            <PendingScreen order=order qr=qr remaining=remaining reconnecting=reconnecting
                                checking=checking audio=audio dispatch=dispatch/>
                        }.into_any()
                    }
                    Phase::Paid => {
                        let amount = state.with_untracked(|s| s.order.as_ref().and_then(|o| o.amount_to_pay()).map(yuan_with_sign));
                        view! {
                            <PaidScreen
                                return_to=Signal::derive(move || state.with(|s| s.return_to.clone()))
                                refused=Signal::derive(move || state.with(|s| s.return_refused))
                                left=return_left amount=amount dispatch=dispatch/>
                        }.into_any()
                    }
                    Phase::Closed => view! { <FinalScreen phase="closed" title=Key::closed_title body=Key::closed_body/> }.into_any(),
                    Phase::Expired => view! { <FinalScreen phase="expired" title=Key::expired_title body=Key::expired_body/> }.into_any(),
                    Phase::Failed => view! { <FinalScreen phase="failed" title=Key::failed_title body=Key::failed_body/> }.into_any(),
                    Phase::NotFound => {
                        let message = state.with_untracked(|s| s.last_error.as_ref().and_then(|e| e.server_message().map(str::to_owned)));
                        view! { <FinalScreen phase="not-found" title=Key::not_found_title body=Key::not_found_body message=message.unwrap_or_default()/> }.into_any()
                    }
                    Phase::Unavailable { error, retrying } => {
                        let unreadable = *error.kind() == ErrorKind::UnreadableOrder;
                        view! {
                            <UnavailableScreen message=error.server_message().map(str::to_owned) retrying=retrying
                                unreadable=unreadable dispatch=dispatch/>
                        }.into_any()
                    }
                }
            }}
        </Shell>
    }
}
