//! Cleanup: an unmounted page leaves no timer firing and no request in flight, including the
//! calls taken over from boot.js.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use paypage::app::Root;

use super::support::*;

#[wasm_bindgen_test]
async fn an_unmounted_page_leaves_no_timer_firing() {
    let calls = fake_api(PENDING_INFO);
    let el = container();
    let handle = leptos::mount::mount_to(el.clone(), move || view! { <Root boot=boot("U1")/> });
    text_of(&el, "#pp-qr-code").await;
    let statuses = || status_calls(&calls);
    until(|| statuses() >= 1, "the first status call", 5_000).await;
    drop(handle);
    let after_unmount = calls.length();
    // The poll interval is 2 s and the countdown ticks every second: a ticking order beside it
    // polls twice after its first (past both timers of the unmounted page).
    after_status_polls(2).await;
    assert_eq!(
        calls.length(),
        after_unmount,
        "a request was made after unmount"
    );
    assert_eq!(el.inner_html(), "", "unmount removed the view");
}

#[wasm_bindgen_test]
async fn calls_taken_over_from_boot_js_are_aborted_on_cleanup() {
    let _calls = fake_api(PENDING_INFO);
    // boot.js's info call, still on its way when the page goes away.
    let setup = js_sys::Function::new_no_args(
        "const abort = new AbortController();
         window.__bootAbort = abort;
         window.__paypagePrefetch = { info: { body: '{\"order_id\":\"K1\"}', promise: new Promise(() => {}), abort } };",
    );
    setup.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    let el = container();
    let handle = leptos::mount::mount_to(el.clone(), move || view! { <Root boot=boot("K1")/> });
    // The page is up and waiting for boot.js's info (its loading screen), its effects run.
    wait_for(&el, "#pp-loading").await;
    next_task().await;
    let aborted = || {
        let abort =
            js_sys::Reflect::get(&web_sys::window().unwrap(), &"__bootAbort".into()).unwrap();
        abort
            .unchecked_into::<web_sys::AbortController>()
            .signal()
            .aborted()
    };
    assert!(!aborted(), "still wanted while the page is open");
    drop(handle);
    assert!(aborted(), "aborted when the page went away");
    let window: js_sys::Object = web_sys::window().unwrap().unchecked_into();
    js_sys::Reflect::delete_property(&window, &"__paypagePrefetch".into()).unwrap();
}
