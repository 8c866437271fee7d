//! Accessibility of the moving parts: focus on a new screen's heading, the guidance dialog's
//! focus, the countdown in words, and every piece of news said once.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use paypage::app::Root;
use paypage::components::{
    announcement_text, CountdownView, OrderScreen, PageContext, PendingScreen, Shell,
};
use paypage::hooks::{use_announcer, use_focus_on_phase, use_order_view, UseAnnouncerOptions};
use paypage_core::error::{Error, ErrorKind};
use paypage_core::i18n::Locale;
use paypage_core::machine::PaidCheck;
use paypage_core::machine::{MachineConfig, Phase, State};
use paypage_core::model::OrderInfo;
use paypage_core::present::{App, Browser, InApp};

use super::support::document;
use super::support::*;

/// Lets effects run: they run in microtasks, all done a task later (`next_task`).
async fn settle() {
    next_task().await;
}

fn pending_order() -> OrderInfo {
    OrderInfo {
        order_id: Some("S1".into()),
        subject: Some("会员充值".into()),
        amount: Some(1000),
        trade_amount: Some(1000),
        pay_type: Some("alipay".into()),
        ..Default::default()
    }
}

fn state_in(phase: Phase) -> State {
    let mut s = State::new(MachineConfig::default());
    s.phase = phase;
    s.order = Some(pending_order());
    s
}

fn down(kind: ErrorKind) -> Phase {
    Phase::Unavailable {
        error: Error::new(kind, "x"),
        retrying: true,
    }
}

/// The page as `OrderFlow` composes it (the shell with its live region, the screen of the phase,
/// focus and announcements), on a state the test sets.
fn mount_page(
    state: RwSignal<State>,
    remaining: RwSignal<Option<i64>>,
) -> (
    web_sys::HtmlElement,
    leptos::mount::UnmountHandle<impl Mountable>,
) {
    mount_with(context(Locale::ZhCn), move || {
        let view = use_order_view(state.read_only());
        let announcer = use_announcer(UseAnnouncerOptions {
            reconnecting: view.reconnecting,
            checking: view.checking,
            remaining: remaining.read_only(),
            words: announcement_text,
        });
        use_focus_on_phase(view.phase, announcer.say);
        let audio = silent_audio();
        view! {
            <Shell announce=announcer.text contact=Signal::derive(|| None::<String>)>
                <OrderScreen state=state.read_only() view=view remaining=remaining.read_only()
                    return_left=RwSignal::new(None).read_only() audio=audio dispatch=idle_dispatch()
                    loading_subject=None loading_amount=None/>
            </Shell>
        }
    })
}

/// Moves the order to `phase` and lets the page react.
async fn go(state: RwSignal<State>, phase: Phase) {
    state.update(|s| s.phase = phase);
    settle().await;
}

/// The screen (`data-phase`) of the focused heading, when focus is on a screen's `h1`.
fn focused_heading_of() -> Option<String> {
    let f = focused()?;
    if f.tag_name() != "H1" {
        return None;
    }
    f.closest("[data-phase]")
        .unwrap()?
        .get_attribute("data-phase")
}

#[wasm_bindgen_test]
async fn a_new_screen_takes_focus_on_its_heading_but_the_first_screen_does_not() {
    let state = RwSignal::new(state_in(Phase::Loading));
    let remaining = RwSignal::new(None::<i64>);
    let (el, handle) = mount_page(state, remaining);
    let log = LiveLog::start();
    settle().await;
    go(state, Phase::Pending).await;
    text_of(&el, "#pp-pending").await;
    assert_eq!(focused(), None, "the page does not steal focus on load");
    // Each heading gets focus anew (a screen reader reads what gets focus), also where leptos
    // rebuilt the screen in place and kept the focused `h1` (closed after expired, ...).
    let focused_headings = std::rc::Rc::new(std::cell::Cell::new(0));
    let count = focused_headings.clone();
    let listener = window_event_listener_untyped("focusin", move |e| {
        let target: web_sys::Element = e.target().unwrap().unchecked_into();
        if target.tag_name() == "H1" {
            count.set(count.get() + 1);
        }
    });
    for (phase, screen) in [
        (Phase::Paid, "paid"),
        (Phase::Expired, "expired"),
        (Phase::Closed, "closed"),
        (Phase::Failed, "failed"),
        (Phase::NotFound, "not-found"),
        (down(ErrorKind::Network), "unavailable"),
        (Phase::Pending, "pending"),
    ] {
        go(state, phase.clone()).await;
        assert_eq!(focused_heading_of().as_deref(), Some(screen), "{phase:?}");
        let heading = focused().unwrap();
        assert_eq!(heading.get_attribute("tabindex").as_deref(), Some("-1"));
        assert_eq!(focused_headings.replace(0), 1, "{phase:?}: focused once");
    }
    listener.remove();
    assert_eq!(
        log.said(),
        Vec::<String>::new(),
        "the headings say it: nothing in the live region"
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn focus_on_a_control_stays_there_and_the_title_is_announced_instead() {
    let state = RwSignal::new(state_in(Phase::Pending));
    let remaining = RwSignal::new(None::<i64>);
    let (el, handle) = mount_page(state, remaining);
    text_of(&el, "#pp-pending").await;
    settle().await;
    // A control of the merchant's template, outside the screens.
    let outside = document().create_element("button").unwrap();
    outside.set_id("merchant-button");
    document().body().unwrap().append_child(&outside).unwrap();
    element(&document().body().unwrap(), "#merchant-button")
        .focus()
        .unwrap();
    let log = LiveLog::start();
    go(state, Phase::Paid).await;
    assert_eq!(
        focused_id(),
        "merchant-button",
        "focus stays on the control"
    );
    assert_eq!(log.said(), vec!["支付成功".to_owned()]);
    outside.remove();
    drop(handle);
}

#[wasm_bindgen_test]
async fn a_retry_by_hand_lands_on_the_answer_and_retries_by_themselves_stay_quiet() {
    let state = RwSignal::new(state_in(Phase::Loading));
    let remaining = RwSignal::new(None::<i64>);
    let (el, handle) = mount_page(state, remaining);
    let log = LiveLog::start();
    settle().await;
    go(state, down(ErrorKind::Network)).await;
    assert_eq!(focused(), None, "the first screen does not take focus");
    assert_eq!(log.said(), vec!["暂时无法连接支付服务".to_owned()]);
    // The customer presses "retry": the button goes away with the screen.
    element(&el, "#pp-retry").focus().unwrap();
    go(state, Phase::Loading).await;
    go(state, down(ErrorKind::Timeout)).await;
    assert_eq!(
        focused_heading_of().as_deref(),
        Some("unavailable"),
        "they land on the answer"
    );
    // Retried by itself while the customer reads: no focus move.
    go(state, Phase::Loading).await;
    go(state, down(ErrorKind::Network)).await;
    assert_eq!(focused(), None, "an automatic retry leaves focus alone");
    // Back: the pending screen's heading (the subject) takes focus.
    go(state, Phase::Loading).await;
    go(state, Phase::Pending).await;
    assert_eq!(focused_id(), "pp-subject");
    assert_eq!(
        log.said(),
        vec!["暂时无法连接支付服务".to_owned()],
        "said once"
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn the_page_moves_focus_to_the_paid_heading_when_the_order_is_paid() {
    let calls = fake_api(PENDING_INFO);
    let mut boot = boot("S1");
    boot.context.config.poll.visible_ms = 100;
    let el = container();
    let log = LiveLog::start();
    let handle = leptos::mount::mount_to(el.clone(), move || view! { <Root boot=boot/> });
    text_of(&el, "#pp-qr-code").await;
    // The positive event: three more polls of the page's own (100 ms) timer after the code.
    let statuses = || status_calls(&calls);
    let shown_at = statuses();
    until(|| statuses() >= shown_at + 3, "three status polls", 5_000).await;
    assert_eq!(focused(), None, "the page does not steal focus on load");
    answer_status(r#"{"code":200,"data":{"status":2}}"#);
    text_of(&el, "#pp-paid").await;
    settle().await;
    assert_eq!(focused_id(), "pp-paid-title");
    assert_eq!(log.count("支付成功"), 0, "said by the heading, not twice");
    drop(handle);
}

/// The pending screen in an in-app browser that blocks the app: the guidance dialog shows.
fn mount_blocked_pending() -> (
    web_sys::HtmlElement,
    leptos::mount::UnmountHandle<impl Mountable>,
) {
    let ctx = PageContext {
        browser: Browser {
            mobile: true,
            in_app: Some(InApp::Pay(App::Wechat)),
            ios: false,
        },
        ..context(Locale::ZhCn)
    };
    mount_with(ctx, move || {
        let audio = silent_audio();
        view! {
            <PendingScreen order=pending_order() qr=Memo::new(|_| None) app=Memo::new(|_| App::Alipay)
                remaining=RwSignal::new(None).read_only() reconnecting=Signal::derive(|| false)
                checking=Signal::derive(|| false) paid_check=Memo::new(|_| PaidCheck::Idle) check_cooling=false
                audio=audio dispatch=idle_dispatch()/>
        }
    })
}

#[wasm_bindgen_test]
async fn the_guidance_dialog_takes_focus_keeps_it_and_gives_it_back() {
    let opener = document().create_element("button").unwrap();
    opener.set_id("opener");
    document().body().unwrap().append_child(&opener).unwrap();
    let opener: web_sys::HtmlElement = element(&document().body().unwrap(), "#opener");
    opener.focus().unwrap();
    let (el, handle) = mount_with(context(Locale::En), move || {
        view! { <paypage::components::Guidance app=App::Alipay/> }
    });
    settle().await;
    let dialog = element(&el, "#pp-guidance");
    assert_eq!(dialog.get_attribute("role").as_deref(), Some("dialog"));
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    let title = dialog.get_attribute("aria-labelledby").unwrap();
    assert_eq!(
        text_of(&el, &format!("#{title}")).await,
        "Open this page in your phone's browser"
    );
    let body = dialog.get_attribute("aria-describedby").unwrap();
    assert!(text_of(&el, &format!("#{body}")).await.contains("Alipay"));
    assert_eq!(focused_id(), "pp-guidance-close", "it takes focus");
    // Tab and Shift+Tab stay inside (its one control).
    assert!(press("Tab", false), "Tab is the dialog's");
    assert_eq!(focused_id(), "pp-guidance-close");
    assert!(press("Tab", true));
    assert_eq!(focused_id(), "pp-guidance-close");
    // Focus that wanders outside comes back.
    opener.focus().unwrap();
    settle().await;
    assert_eq!(focused_id(), "pp-guidance-close", "trapped");
    // Other keys are not the dialog's.
    assert!(!press("a", false));
    // Escape closes it and gives focus back.
    assert!(press("Escape", false));
    settle().await;
    assert_eq!(el.query_selector("#pp-guidance").unwrap(), None, "closed");
    assert_eq!(focused_id(), "opener", "focus given back");
    // Closed, the page's keys are its own again.
    assert!(!press("Tab", false));
    opener.remove();
    drop(handle);
}

#[wasm_bindgen_test]
async fn the_guidance_dialog_closed_by_its_button_gives_focus_to_the_screen_heading() {
    let (el, handle) = mount_blocked_pending();
    settle().await;
    assert_eq!(focused_id(), "pp-guidance-close");
    element(&el, "#pp-guidance-close").click();
    settle().await;
    assert_eq!(el.query_selector("#pp-guidance").unwrap(), None);
    // Nothing had focus before (the page had just loaded): the screen's heading takes it.
    assert_eq!(focused_id(), "pp-subject");
    drop(handle);
}

#[wasm_bindgen_test]
async fn the_countdown_reads_the_time_left_in_words_without_announcing_each_second() {
    for (locale, secs, words) in [
        (Locale::ZhCn, 299, "剩余支付时间 4 分 59 秒"),
        (Locale::ZhTw, 61, "剩餘付款時間 1 分 1 秒"),
        (Locale::En, 3725, "1 hour 2 minutes 5 seconds left to pay"),
        (Locale::En, 1, "1 second left to pay"),
    ] {
        let remaining = RwSignal::new(Some(secs + 1));
        let (el, handle) = mount_with(context(locale), move || {
            view! { <CountdownView remaining=remaining.read_only()/> }
        });
        text_of(&el, "#pp-countdown").await;
        settle().await;
        let log = LiveLog::start();
        remaining.set(Some(secs));
        settle().await;
        let timer = element(&el, "#pp-countdown");
        assert_eq!(timer.get_attribute("role").as_deref(), Some("timer"));
        assert_eq!(timer.get_attribute("aria-live").as_deref(), Some("off"));
        let spoken = spoken_text(&timer);
        assert!(spoken.starts_with(words), "{locale:?}: {spoken}");
        let clock = spoken
            .as_bytes()
            .windows(3)
            .any(|w| matches!(w, [a, b':', b] if a.is_ascii_digit() && b.is_ascii_digit()));
        assert!(!clock, "words, not digits, for the ear: {spoken}");
        assert_eq!(log.said(), Vec::<String>::new(), "ticking is not announced");
        drop(handle);
    }
}

#[wasm_bindgen_test]
async fn the_countdown_thresholds_are_announced_in_words() {
    let state = RwSignal::new(state_in(Phase::Pending));
    let remaining = RwSignal::new(Some(301_i64));
    let (el, handle) = mount_page(state, remaining);
    text_of(&el, "#pp-countdown").await;
    settle().await;
    let log = LiveLog::start();
    for secs in (295..=300).rev() {
        remaining.set(Some(secs));
        settle().await;
    }
    assert_eq!(log.said(), vec!["剩余支付时间 5 分".to_owned()]);
    drop(handle);
}

#[wasm_bindgen_test]
async fn each_piece_of_news_is_said_once() {
    let state = RwSignal::new(state_in(Phase::Loading));
    let remaining = RwSignal::new(None::<i64>);
    let (el, handle) = mount_page(state, remaining);
    let log = LiveLog::start();
    settle().await;
    go(state, Phase::Pending).await;
    text_of(&el, "#pp-pending").await;
    // The connection is lost: the banner shows and the live region says it, once.
    state.update(|s| s.status_failures = 1);
    text_of(&el, "#pp-reconnecting").await;
    settle().await;
    state.update(|s| s.status_failures = 2);
    settle().await;
    assert_eq!(log.count("网络不稳定"), 1, "{:?}", log.said());
    // Back, then lost again: a new loss, said again.
    state.update(|s| s.status_failures = 0);
    settle().await;
    assert_eq!(el.query_selector("#pp-reconnecting").unwrap(), None);
    state.update(|s| s.status_failures = 1);
    settle().await;
    assert_eq!(log.count("网络不稳定"), 2, "{:?}", log.said());
    state.update(|s| s.status_failures = 0);
    // The countdown ended: the last check, said once.
    state.update(|s| s.overtime = true);
    text_of(&el, "#pp-checking").await;
    settle().await;
    assert_eq!(log.count("正在确认是否已收到付款"), 1, "{:?}", log.said());
    // Expired: the heading takes focus, the live region says nothing more.
    go(state, Phase::Expired).await;
    assert_eq!(focused_heading_of().as_deref(), Some("expired"));
    assert_eq!(
        log.said(),
        vec![
            "网络不稳定,正在重新连接…".to_owned(),
            "网络不稳定,正在重新连接…".to_owned(),
            "支付时间已到,正在确认是否已收到付款…如已付款请勿重复支付".to_owned(),
        ]
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn copy_feedback_is_said_once_and_its_reset_is_not() {
    let f = js_sys::Function::new_no_args(
        "Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get: () => ({
             writeText: () => Promise.resolve(),
         }) });",
    );
    f.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    let (el, handle) = mount_with(context(Locale::ZhCn), move || {
        provide_context(paypage::hooks::use_clipboard());
        view! { <paypage::components::CopyButton id="pp-copy-test" what="amount" value="10.00" label="复制金额"/> }
    });
    let log = LiveLog::start();
    let button = element(&el, "#pp-copy-test");
    button.click();
    for _ in 0..50 {
        if button.get_attribute("data-state").as_deref() == Some("copied") {
            break;
        }
        sleep(20).await;
    }
    settle().await;
    assert_eq!(log.said(), vec!["已复制".to_owned()]);
    // The feedback resets after 2 s (the positive event); going back to "copy" is not news.
    until(
        || button.get_attribute("data-state").as_deref() == Some("idle"),
        "the copy feedback's reset",
        5_000,
    )
    .await;
    settle().await;
    assert_eq!(log.said(), vec!["已复制".to_owned()]);
    drop(handle);
}
