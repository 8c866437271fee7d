//! The hook that runs the order state machine: it executes the machine's effects (requests,
//! timers, navigation) and feeds the answers back as events.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use serde_json::Value;
use web_sys::AbortController;

use crate::api::{ApiClient, Endpoint};
use crate::core::clock::ServerClock;
use crate::core::error::{Error, ErrorKind};
use crate::core::machine::{transition, Effect, Event, MachineConfig, State};
use crate::core::model::{parse_audio, parse_info, parse_qrcode, parse_status};
use crate::core::order_ref::OrderRef;
use crate::core::wire::Reply;
use crate::dom::env;

/// Options of [`use_order`].
pub struct UseOrderOptions {
    pub order: OrderRef,
    pub client: ApiClient,
    pub machine: MachineConfig,
    /// The server clock to start from (from `${.server_time}` when injected).
    pub clock: ServerClock,
}

/// What [`use_order`] returns: read-only state and a way to send events.
#[derive(Clone)]
pub struct UseOrder {
    pub state: ReadSignal<State>,
    pub clock: ReadSignal<ServerClock>,
    pub dispatch: Dispatch,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Slot {
    Poll,
    InfoRetry,
    QrRetry,
    Return,
}

#[derive(Default)]
struct Runtime {
    timers: HashMap<Slot, TimeoutHandle>,
    requests: Vec<(u64, AbortController)>,
    next_request: u64,
    disposed: bool,
}

struct Inner {
    state: RwSignal<State>,
    clock: RwSignal<ServerClock>,
    client: ApiClient,
    order: OrderRef,
    rt: RefCell<Runtime>,
}

/// Sends events to the order machine. Cheap to clone; harmless after cleanup.
#[derive(Clone)]
pub struct Dispatch(SendWrapper<Rc<Inner>>);

impl Dispatch {
    pub fn send(&self, event: Event) {
        dispatch(&self.0, event);
    }
}

/// Starts the order flow (`Event::Start`) and runs it until the owner is cleaned up, which aborts
/// every request and clears every timer.
pub fn use_order(options: UseOrderOptions) -> UseOrder {
    let state = RwSignal::new(State::new(options.machine));
    let clock = RwSignal::new(options.clock);
    let inner = Rc::new(Inner {
        state,
        clock,
        client: options.client,
        order: options.order,
        rt: RefCell::new(Runtime::default()),
    });
    let for_cleanup = SendWrapper::new(inner.clone());
    on_cleanup(move || {
        let mut rt = for_cleanup.rt.borrow_mut();
        rt.disposed = true;
        for (_, handle) in rt.timers.drain() {
            handle.clear();
        }
        for (_, abort) in rt.requests.drain(..) {
            abort.abort();
        }
    });
    let handle = Dispatch(SendWrapper::new(inner));
    if !env::is_visible() {
        handle.send(Event::Visibility(false));
    }
    handle.send(Event::Start);
    UseOrder {
        state: state.read_only(),
        clock: clock.read_only(),
        dispatch: handle,
    }
}

fn dispatch(inner: &Rc<Inner>, event: Event) {
    if inner.rt.borrow().disposed {
        return;
    }
    let effects = inner.state.try_update(|s| {
        let (next, fx) = transition(s.clone(), event);
        *s = next;
        fx
    });
    for effect in effects.unwrap_or_default() {
        run(inner, effect);
    }
}

fn run(inner: &Rc<Inner>, effect: Effect) {
    match effect {
        Effect::FetchInfo => request(inner, Endpoint::Info, None, parse_info, Event::Info),
        Effect::FetchStatus => request(inner, Endpoint::Status, None, parse_status, Event::Status),
        Effect::FetchAudio => request(inner, Endpoint::Audio, None, parse_audio, Event::Audio),
        Effect::FetchQr => {
            // `/api/order/qrcode` takes only `order_id`, taken from the info answer.
            let id = inner
                .state
                .try_with_untracked(|s| s.order.as_ref().and_then(|o| o.order_id.clone()))
                .flatten();
            let order = match (id, &inner.order) {
                (Some(id), _) => OrderRef::OrderId(id),
                (None, OrderRef::OrderId(id)) => OrderRef::OrderId(id.clone()),
                (None, OrderRef::OutOrder { .. }) => {
                    let e = Error::new(
                        ErrorKind::InvalidResponse,
                        "info gave no order_id for the qrcode call",
                    );
                    dispatch(inner, Event::Qr(Reply::err(e)));
                    return;
                }
            };
            request(
                inner,
                Endpoint::Qrcode,
                Some(order),
                parse_qrcode,
                Event::Qr,
            );
        }
        Effect::SchedulePoll {
            generation,
            after_ms,
        } => timer(inner, Slot::Poll, after_ms, Event::PollDue(generation)),
        Effect::ScheduleInfoRetry { after_ms } => {
            timer(inner, Slot::InfoRetry, after_ms, Event::RetryInfo)
        }
        Effect::ScheduleQrRetry { after_ms } => {
            timer(inner, Slot::QrRetry, after_ms, Event::RetryQr)
        }
        Effect::ScheduleReturn { after_ms } => {
            timer(inner, Slot::Return, after_ms, Event::ReturnDue)
        }
        Effect::Navigate { url } => env::navigate_replace(&url),
        Effect::StopTimers => {
            let mut rt = inner.rt.borrow_mut();
            for slot in [Slot::Poll, Slot::InfoRetry, Slot::QrRetry] {
                if let Some(h) = rt.timers.remove(&slot) {
                    h.clear();
                }
            }
        }
    }
}

fn timer(inner: &Rc<Inner>, slot: Slot, after_ms: u32, event: Event) {
    let target = inner.clone();
    let fired = move || {
        target.rt.borrow_mut().timers.remove(&slot);
        dispatch(&target, event);
    };
    match set_timeout_with_handle(fired, Duration::from_millis(u64::from(after_ms))) {
        Ok(handle) => {
            if let Some(old) = inner.rt.borrow_mut().timers.insert(slot, handle) {
                old.clear();
            }
        }
        Err(e) => env::warn(&format!("paypage: setTimeout failed: {e:?}")),
    }
}

/// Sends one call; `order` overrides how the order is addressed (default: as the page found it).
fn request<T: 'static>(
    inner: &Rc<Inner>,
    endpoint: Endpoint,
    order: Option<OrderRef>,
    parse: fn(&Value) -> Result<T, Error>,
    wrap: fn(Reply<T>) -> Event,
) {
    let order = order.unwrap_or_else(|| inner.order.clone());
    let Ok(abort) = AbortController::new() else {
        dispatch(
            inner,
            wrap(Reply::err(Error::new(
                ErrorKind::Network,
                "AbortController unavailable",
            ))),
        );
        return;
    };
    let id = {
        let mut rt = inner.rt.borrow_mut();
        rt.next_request += 1;
        let id = rt.next_request;
        rt.requests.push((id, abort.clone()));
        id
    };
    let inner = inner.clone();
    spawn_local(async move {
        // The first call of each endpoint may already be on its way from boot.js.
        let answer = match crate::api::take_prefetched(endpoint, &order.body(), parse).await {
            Some(answer) => answer,
            None => inner.client.call(endpoint, &order, &abort, parse).await,
        };
        inner.rt.borrow_mut().requests.retain(|(i, _)| *i != id);
        deliver(&inner, answer, wrap);
    });
}

/// Hands an answer to the machine (and its `Date` header to the clock), unless cleaned up.
fn deliver<T>(inner: &Rc<Inner>, answer: crate::api::Answer<T>, wrap: fn(Reply<T>) -> Event) {
    if inner.rt.borrow().disposed {
        return;
    }
    if let Some(date) = answer.date {
        inner
            .clock
            .try_update(|c| c.observe_date_header(&date, env::now_ms()));
    }
    dispatch(inner, wrap(answer.reply));
}
