use leptos::prelude::*;

use crate::core::machine::Event;
use crate::dom::env::is_visible;

use super::Dispatch;

/// Tells the order machine when the page is hidden or shown again, regains focus, or comes back
/// from the back-forward cache: the customer returning from the payment app.
pub fn use_page_events(dispatch: Dispatch) {
    let on_visibility = dispatch.clone();
    let visibility = window_event_listener_untyped("visibilitychange", move |_| {
        on_visibility.send(Event::Visibility(is_visible()));
    });
    let on_focus = dispatch.clone();
    let focus = window_event_listener_untyped("focus", move |_| on_focus.send(Event::Focus));
    let on_pageshow = dispatch;
    let pageshow = window_event_listener_untyped("pageshow", move |_| {
        on_pageshow.send(Event::Visibility(is_visible()));
    });
    on_cleanup(move || {
        visibility.remove();
        focus.remove();
        pageshow.remove();
    });
}
