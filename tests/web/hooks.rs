//! The hooks and the screen switch that `OrderFlow` is composed of, each alone: the
//! announcements, the return countdown, the screen of each phase.

use leptos::prelude::*;
use wasm_bindgen_test::*;

use paypage::components::OrderScreen;
use paypage::hooks::{use_announcer, use_order_view, use_return_countdown, UseAnnouncerOptions};
use paypage_core::announce::Announcement;
use paypage_core::error::{Error, ErrorKind};
use paypage_core::i18n::{Key, Locale};
use paypage_core::machine::{MachineConfig, Phase, State};

use super::support::*;

/// Lets effects run: they run in microtasks, all done a task later (`next_task`).
async fn settle() {
    next_task().await;
}

/// The announcement, written so the test can read which it was.
fn words(a: &Announcement) -> String {
    format!("{a:?}")
}

#[wasm_bindgen_test]
async fn the_announcer_says_thresholds_lost_connections_checks_and_new_screens() {
    let screen = RwSignal::new(None::<Announcement>);
    let reconnecting = RwSignal::new(false);
    let checking = RwSignal::new(false);
    let remaining = RwSignal::new(None::<i64>);
    let latest = RwSignal::new(String::new());
    let (_el, handle) = mount_with(context(Locale::ZhCn), move || {
        let announcer = use_announcer(UseAnnouncerOptions {
            reconnecting: Memo::new(move |_| reconnecting.get()),
            checking: Memo::new(move |_| checking.get()),
            remaining: remaining.read_only(),
            words,
        });
        Effect::new(move |_| latest.set(announcer.text.get()));
        Effect::new(move |_| {
            if let Some(a) = screen.get() {
                (announcer.say)(a);
            }
        });
    });
    let said = || latest.get_untracked();
    settle().await;
    assert_eq!(said(), "", "nothing to say at first");
    remaining.set(Some(301));
    settle().await;
    assert_eq!(said(), "", "no threshold crossed");
    remaining.set(Some(300));
    settle().await;
    assert_eq!(said(), words(&Announcement::TimeLeft(300)));
    reconnecting.set(true);
    settle().await;
    assert_eq!(said(), words(&Announcement::Reconnecting));
    reconnecting.set(false);
    settle().await;
    assert_eq!(said(), "", "emptied when the connection is back");
    checking.set(true);
    settle().await;
    assert_eq!(said(), words(&Announcement::Checking));
    screen.set(Some(Announcement::Title(Key::closed_title)));
    settle().await;
    assert_eq!(said(), words(&Announcement::Title(Key::closed_title)));
    // Back from another announcement, the connection is not the news: it stays.
    reconnecting.set(true);
    settle().await;
    remaining.set(Some(120));
    settle().await;
    reconnecting.set(false);
    settle().await;
    assert_eq!(said(), words(&Announcement::TimeLeft(120)));
    drop(handle);
}

#[wasm_bindgen_test]
async fn the_return_countdown_counts_to_the_return_timers_own_deadline() {
    let deadline = RwSignal::new(None::<i64>);
    let left = RwSignal::new(None::<i64>);
    let (_el, handle) = mount_with(context(Locale::ZhCn), move || {
        let seconds = use_return_countdown(deadline.read_only());
        Effect::new(move |_| left.set(seconds.get()));
    });
    settle().await;
    assert_eq!(left.get_untracked(), None, "no return scheduled");
    let at = js_sys::Date::now() as i64 + 4_500;
    deadline.set(Some(at));
    settle().await;
    assert_eq!(left.get_untracked(), Some(5), "4.5 s rounds up to 5");
    // It ticks each second, always the seconds to that one deadline.
    for _ in 0..25 {
        if left.get_untracked() == Some(4) {
            break;
        }
        sleep(100).await;
    }
    assert_eq!(left.get_untracked(), Some(4), "it counts down");
    let now = js_sys::Date::now() as i64;
    assert_eq!(
        left.get_untracked(),
        Some(paypage_core::clock::secs_until(at, now)),
        "the timer's deadline, not a wait restarted"
    );
    deadline.set(None);
    settle().await;
    assert_eq!(left.get_untracked(), None);
    drop(handle);
}

#[wasm_bindgen_test]
async fn the_order_screen_shows_the_screen_of_each_phase() {
    let state = RwSignal::new(State::new(MachineConfig::default()));
    let (el, handle) = mount_with(context(Locale::ZhCn), move || {
        let view = use_order_view(state.read_only());
        let audio = silent_audio();
        view! {
            <OrderScreen state=state.read_only() view=view remaining=RwSignal::new(None).read_only()
                return_left=RwSignal::new(None).read_only() audio=audio dispatch=idle_dispatch()
                loading_subject=Some("会员充值".to_owned()) loading_amount=Some("10.00".to_owned())/>
        }
    });
    assert_eq!(text_of(&el, ".pp-subject").await, "会员充值");
    assert!(text_of(&el, "#pp-loading").await.contains("¥10.00"));
    let unreachable = Error::new(ErrorKind::Network, "down");
    let unreadable = Error::new(ErrorKind::UnreadableOrder, "fen or yuan");
    // Every variant of `Phase` (the match below makes a new one a compile error until it is
    // listed), each to its screen: selector, words, its `data-phase`, whether "I have paid" shows.
    let cases = [
        (
            Phase::Closed,
            "#pp-closed",
            "订单已关闭",
            Some("closed"),
            false,
        ),
        (
            Phase::Expired,
            "#pp-expired",
            "订单已过期",
            Some("expired"),
            false,
        ),
        (Phase::Paid, "#pp-paid", "支付成功", Some("paid"), false),
        // After the grace period with no verdict: shown as expired, "I have paid" still there.
        (
            Phase::Lapsed,
            "#pp-expired",
            "订单已过期",
            Some("expired"),
            true,
        ),
        (
            Phase::Failed,
            "#pp-failed",
            "订单创建失败",
            Some("failed"),
            false,
        ),
        (
            Phase::NotFound,
            "#pp-not-found",
            "订单不存在",
            Some("not-found"),
            false,
        ),
        (
            Phase::Pending,
            "#pp-pending",
            "我已支付",
            Some("pending"),
            true,
        ),
        (
            Phase::Unavailable {
                error: unreachable,
                retrying: true,
            },
            "#pp-unavailable[data-reason='unreachable']",
            "暂时无法连接支付服务",
            Some("unavailable"),
            false,
        ),
        (
            Phase::Unavailable {
                error: unreadable,
                retrying: false,
            },
            "#pp-unavailable[data-reason='unreadable']",
            "订单信息有误",
            Some("unavailable"),
            false,
        ),
        // Back to loading (a retry of info): the loading screen, which has no `data-phase`.
        (Phase::Loading, "#pp-loading", "正在加载订单", None, false),
    ];
    let mut seen = std::collections::BTreeSet::new();
    for (phase, selector, title, data_phase, can_check) in cases {
        seen.insert(match &phase {
            Phase::Loading => 0,
            Phase::Unavailable { .. } => 1,
            Phase::Pending => 2,
            Phase::Paid => 3,
            Phase::Closed => 4,
            Phase::Expired => 5,
            Phase::Lapsed => 6,
            Phase::Failed => 7,
            Phase::NotFound => 8,
        });
        state.update(|s| s.phase = phase.clone());
        settle().await;
        let screen = text_of(&el, selector).await;
        assert!(screen.contains(title), "{phase:?}: {screen}");
        let phases = el.query_selector_all("[data-phase]").unwrap();
        assert_eq!(
            phases.length(),
            u32::from(data_phase.is_some()),
            "{phase:?}: one screen at a time"
        );
        if let Some(name) = data_phase {
            assert_eq!(
                element(&el, "[data-phase]")
                    .get_attribute("data-phase")
                    .as_deref(),
                Some(name)
            );
        }
        let check = el.query_selector("#pp-check-now").unwrap().is_some();
        assert_eq!(check, can_check, "{phase:?}: I have paid");
        assert_eq!(
            el.query_selector_all("section.pp-screen").unwrap().length(),
            1,
            "{phase:?}"
        );
    }
    assert_eq!(seen.len(), 9, "every phase");
    assert_no_calls();
    drop(handle);
}

/// The per-tab hop limit on the page's own navigations, kept in sessionStorage: a loop the rules
/// miss (a merchant page that sends the customer straight back) stops at the fourth hop, for that
/// order only.
#[wasm_bindgen_test]
fn the_hop_limit_stops_a_loop_per_order_in_this_tab() {
    use paypage::dom::env::take_hop;
    let storage = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    storage.remove_item("paypage-hops:LOOP1").unwrap();
    storage.remove_item("paypage-hops:OTHER1").unwrap();
    let hops: Vec<bool> = (0..5).map(|_| take_hop("LOOP1")).collect();
    assert_eq!(hops, [true, true, true, false, false]);
    assert!(
        take_hop("OTHER1"),
        "another order in the same tab is not held back"
    );
    assert!(storage
        .get_item("paypage-hops:LOOP1")
        .unwrap()
        .unwrap()
        .starts_with("3:"));
    storage.remove_item("paypage-hops:LOOP1").unwrap();
    storage.remove_item("paypage-hops:OTHER1").unwrap();
}
