//! The hook that runs the order state machine: it executes the machine's effects (requests,
//! timers, navigation) and feeds the answers back as events.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use web_sys::AbortController;

use crate::api::{Answer, ApiClient, Endpoint, Fetched};
use crate::core::boot;
use crate::core::clock::ServerClock;
use crate::core::error::{Error, ErrorKind};
use crate::core::machine::{step, Effect, Event, MachineConfig, State};
use crate::core::model::{parse_audio, parse_info, parse_pay_types, parse_qrcode, parse_status};
use crate::core::order_ref::{chose_type_body, OrderRef};
use crate::core::wire::Reply;
use crate::dom::env;

/// Options of [`use_order`].
pub struct UseOrderOptions {
    pub order: OrderRef,
    pub client: ApiClient,
    pub machine: MachineConfig,
    /// The server clock to start from (from `${.server_time}` when injected).
    pub clock: ServerClock,
    /// Send `Event::Start` at once (the page); `false` leaves the machine idle until an event
    /// arrives (components shown without an order, in tests).
    pub start: bool,
}

/// What [`use_order`] returns: read-only state and a way to send events.
#[derive(Clone)]
pub struct UseOrderReturn {
    pub state: ReadSignal<State>,
    pub clock: ReadSignal<ServerClock>,
    /// When the return to the merchant is due (local ms): the deadline of its timer.
    pub return_at: ReadSignal<Option<i64>>,
    pub dispatch: Dispatch,
}

/// The machine's timers: at most one pending of each kind (the number is its place in
/// [`InFlight::timers`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum TimerKind {
    Poll = 0,
    InfoRetry = 1,
    QrRetry = 2,
    Return = 3,
    Grace = 4,
    CheckCooldown = 5,
}

/// What the hook has started and must stop on cleanup: timers and requests.
#[derive(Default)]
struct InFlight {
    /// The pending timer of each [`TimerKind`], by its number.
    /// (gloo-timers' `Timeout` owns its callback: clearing one frees it, where a cleared
    /// `set_timeout_with_handle` would leave its closure to the garbage collector.)
    timers: [Option<Timeout>; 6],
    /// Requests in flight and their abort controllers (`None` on an engine without them: the
    /// answer is then dropped after cleanup).
    requests: Vec<(u64, Option<AbortController>)>,
    next_request: u64,
    disposed: bool,
}

/// Everything the hook needs to run the machine: its state, the server clock, the API client,
/// how the order is addressed, and what is in flight.
struct OrderDriver {
    state: RwSignal<State>,
    clock: RwSignal<ServerClock>,
    return_at: RwSignal<Option<i64>>,
    client: ApiClient,
    order: OrderRef,
    in_flight: RefCell<InFlight>,
}

/// Sends events to the order machine. Cheap to clone; harmless after cleanup.
#[derive(Clone)]
pub struct Dispatch(SendWrapper<Rc<OrderDriver>>);

impl Dispatch {
    pub fn send(&self, event: Event) {
        dispatch(&self.0, event);
    }
}

/// Starts the order flow (`Event::Start`) and runs it until the owner is cleaned up, which aborts
/// every request and clears every timer.
pub fn use_order(options: UseOrderOptions) -> UseOrderReturn {
    let mut machine = options.machine;
    // The page's own platform order id (not an out_order_id): what qrcode, pay types, chose-type
    // and the cashier's navigations use when info gives none (`State::platform_order_id`).
    if machine.order_id.is_none() {
        machine.order_id = boot::page_platform_id(&options.order);
    }
    let state = RwSignal::new(State::new(machine));
    let clock = RwSignal::new(options.clock);
    let return_at = RwSignal::new(None);
    let driver = Rc::new(OrderDriver {
        state,
        clock,
        return_at,
        client: options.client,
        order: options.order,
        in_flight: RefCell::new(InFlight::default()),
    });
    let for_cleanup = SendWrapper::new(driver.clone());
    on_cleanup(move || {
        let mut in_flight = for_cleanup.in_flight.borrow_mut();
        in_flight.disposed = true;
        // Dropping a Timeout cancels it and frees its callback.
        in_flight.timers = Default::default();
        for (_, abort) in in_flight.requests.drain(..) {
            if let Some(abort) = abort {
                abort.abort();
            }
        }
    });
    let handle = Dispatch(SendWrapper::new(driver));
    if !env::is_visible() {
        handle.send(Event::Visibility(false));
    }
    if options.start {
        handle.send(Event::Start);
    }
    UseOrderReturn {
        state: state.read_only(),
        clock: clock.read_only(),
        return_at: return_at.read_only(),
        dispatch: handle,
    }
}

fn dispatch(driver: &Rc<OrderDriver>, event: Event) {
    if driver.in_flight.borrow().disposed {
        return;
    }
    let effects = driver.state.try_update(|s| step(s, event));
    for effect in effects.unwrap_or_default() {
        carry_out(driver, effect);
    }
}

fn carry_out(driver: &Rc<OrderDriver>, effect: Effect) {
    match effect {
        Effect::FetchInfo => request(driver, Endpoint::Info, None, |f| {
            answered(f.decode(parse_info), Event::Info)
        }),
        Effect::FetchStatus => request(driver, Endpoint::Status, None, |f| {
            answered(f.decode(parse_status), Event::Status)
        }),
        Effect::FetchAudio => request(driver, Endpoint::Audio, None, |f| {
            answered(f.decode(parse_audio), Event::Audio)
        }),
        Effect::FetchQr => match platform_ref(driver) {
            Some(order) => request(driver, Endpoint::Qrcode, Some(order.body()), |f| {
                answered(f.decode(parse_qrcode), Event::Qr)
            }),
            None => dispatch(driver, Event::Qr(Reply::err(no_order_id()))),
        },
        Effect::FetchTypes => match platform_ref(driver) {
            Some(order) => request(driver, Endpoint::PayTypes, Some(order.body()), |f| {
                answered(f.decode(parse_pay_types), Event::Types)
            }),
            None => dispatch(driver, Event::Types(Reply::err(no_order_id()))),
        },
        Effect::ChoseType { pay_type } => match platform_ref(driver) {
            Some(order) => {
                let body = chose_type_body(order.display_id(), &pay_type);
                request(driver, Endpoint::ChoseType, Some(body), |f| {
                    answered(f.decode_ack(), Event::Chosen)
                })
            }
            None => dispatch(driver, Event::Chosen(Reply::err(no_order_id()))),
        },
        Effect::SchedulePoll {
            generation,
            after_ms,
        } => timer(
            driver,
            TimerKind::Poll,
            after_ms,
            Event::PollDue(generation),
        ),
        Effect::ScheduleInfoRetry { after_ms } => {
            timer(driver, TimerKind::InfoRetry, after_ms, Event::RetryInfo)
        }
        Effect::ScheduleQrRetry { after_ms } => {
            timer(driver, TimerKind::QrRetry, after_ms, Event::RetryQr)
        }
        Effect::ScheduleReturn { after_ms } => schedule_return(driver, after_ms),
        Effect::ScheduleGraceEnd {
            generation,
            after_ms,
        } => timer(
            driver,
            TimerKind::Grace,
            after_ms,
            Event::GraceOver(generation),
        ),
        Effect::ScheduleCheckCooldown { after_ms } => timer(
            driver,
            TimerKind::CheckCooldown,
            after_ms,
            Event::CheckCooldownOver,
        ),
        Effect::Navigate { url, counted } => navigate(driver, &url, counted),
        Effect::OpenApp { url } => open_app(driver, &url),
        Effect::NoteAppOpened => env::note_app_open(driver.order.display_id()),
        Effect::Warn { message } => env::warn(&message),
        Effect::StopTimers => stop_timers(driver),
    }
}

fn schedule_return(driver: &Rc<OrderDriver>, after_ms: u32) {
    // The countdown on screen counts to this timer's own deadline.
    driver
        .return_at
        .try_set(Some(env::now_ms().saturating_add(i64::from(after_ms))));
    timer(driver, TimerKind::Return, after_ms, Event::ReturnDue)
}

fn navigate(driver: &Rc<OrderDriver>, url: &str, counted: bool) {
    // The last guard against a loop the rules missed: a few of the page's own ways on
    // per order and tab (never the return to the merchant, nor the customer's retry).
    if !counted || env::take_hop(driver.order.display_id()) {
        if !env::navigate_replace(url) {
            dispatch(driver, Event::NavigationBlocked);
        }
    } else {
        env::warn("paypage: too many redirects for this order in this tab; staying here");
        dispatch(driver, Event::NavigationBlocked);
    }
}

fn open_app(driver: &Rc<OrderDriver>, url: &str) {
    // At most once per order and tab, the customer's own taps included.
    if env::take_app_open(driver.order.display_id()) {
        env::open_link(url);
    }
}

/// Clears every pending timer but the return's.
fn stop_timers(driver: &Rc<OrderDriver>) {
    let mut in_flight = driver.in_flight.borrow_mut();
    for kind in [
        TimerKind::Poll,
        TimerKind::InfoRetry,
        TimerKind::QrRetry,
        TimerKind::Grace,
        TimerKind::CheckCooldown,
    ] {
        if let Some(t) = in_flight.timers.get_mut(kind as usize) {
            *t = None;
        }
    }
}

/// How qrcode, pay types and chose-type are addressed (`core::boot::platform_ref`, as boot.js
/// addresses its early qrcode call).
fn platform_ref(driver: &Rc<OrderDriver>) -> Option<OrderRef> {
    driver
        .state
        .try_with_untracked(boot::platform_ref)
        .flatten()
}

fn no_order_id() -> Error {
    Error::new(
        ErrorKind::InvalidResponse,
        "info gave no order_id for a call that needs one",
    )
}

fn timer(driver: &Rc<OrderDriver>, kind: TimerKind, after_ms: u32, event: Event) {
    let target = driver.clone();
    let fired = move || {
        // Its own Timeout is dropped here, while it runs: wasm-bindgen frees the callback once
        // the call returns.
        let done = target
            .in_flight
            .borrow_mut()
            .timers
            .get_mut(kind as usize)
            .and_then(Option::take);
        drop(done);
        dispatch(&target, event);
    };
    let timeout = Timeout::new(after_ms, fired);
    // Replacing a pending timer of the same kind cancels it (and frees its callback).
    let old = driver
        .in_flight
        .borrow_mut()
        .timers
        .get_mut(kind as usize)
        .and_then(|t| t.replace(timeout));
    drop(old);
}

/// An event for the machine, the `Date` header that came with the answer and when it arrived.
type AnsweredEvent = (Event, Option<String>, i64);

/// The machine's event for a decoded answer.
fn answered<T>(answer: Answer<T>, wrap: fn(Reply<T>) -> Event) -> AnsweredEvent {
    (wrap(answer.reply), answer.date, answer.at)
}

/// Sends one call; `body` overrides the request body (default: the order as the page found it).
/// `to_event` decodes the answer: the request itself is the same code for every endpoint.
fn request(
    driver: &Rc<OrderDriver>,
    endpoint: Endpoint,
    body: Option<String>,
    to_event: fn(Fetched) -> AnsweredEvent,
) {
    let body = body.unwrap_or_else(|| driver.order.body());
    // The first call of each endpoint may already be on its way from boot.js: then its abort
    // controller is ours, aborted on cleanup like the controllers of our own calls.
    let claimed = crate::api::claim_prefetched(endpoint, &body);
    // Without AbortController (old engines) the call still goes out; its timeout then only
    // stops waiting.
    let abort = match &claimed {
        Some(pre) => pre.abort.clone(),
        None => AbortController::new().ok(),
    };
    let id = {
        let mut in_flight = driver.in_flight.borrow_mut();
        in_flight.next_request += 1;
        let id = in_flight.next_request;
        in_flight.requests.push((id, abort.clone()));
        id
    };
    let driver = driver.clone();
    spawn_local(async move {
        let fetched = match claimed {
            Some(pre) => pre.answer().await,
            None => {
                driver
                    .client
                    .call_with(endpoint, body, abort.as_ref())
                    .await
            }
        };
        driver
            .in_flight
            .borrow_mut()
            .requests
            .retain(|(i, _)| *i != id);
        hand_answer(&driver, to_event(fetched));
    });
}

/// Hands an answer to the machine (and its `Date` header to the clock), unless cleaned up.
fn hand_answer(driver: &Rc<OrderDriver>, (event, date, at): AnsweredEvent) {
    if driver.in_flight.borrow().disposed {
        return;
    }
    if let Some(date) = date {
        // Paired with when the answer arrived (boot.js's time for an early call), not now.
        driver
            .clock
            .try_update(|c| c.observe_date_header(&date, at));
    }
    dispatch(driver, event);
}
