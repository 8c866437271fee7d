//! The sanitizer on the browser's own HTML parser: what it keeps, what it drops.

use wasm_bindgen_test::*;

use paypage::dom::sanitize::sanitize_to_string;
use paypage_core::url_policy::UrlPolicy;

#[wasm_bindgen_test]
fn sanitizer_keeps_simple_formatting() {
    let p = UrlPolicy::default();
    assert_eq!(
        sanitize_to_string(&p, "<b>请</b>及时<i>支付</i><br>"),
        "<b>请</b>及时<i>支付</i><br>"
    );
    assert_eq!(
        sanitize_to_string(
            &p,
            r##"<p>账号:<font color="#e53935" size="7">张**</font></p>"##
        ),
        r##"<p>账号:<font color="#e53935">张**</font></p>"##
    );
    assert_eq!(
        sanitize_to_string(
            &p,
            r#"<a href="https://help.example/x" onclick="x()">帮助</a>"#
        ),
        r#"<a href="https://help.example/x" rel="noopener noreferrer nofollow" target="_blank">帮助</a>"#
    );
    assert_eq!(
        sanitize_to_string(&p, "<h1>标题</h1><table><tr><td>格</td></tr></table>"),
        "标题格"
    );
}

#[wasm_bindgen_test]
fn sanitizer_drops_everything_that_can_run_code() {
    let p = UrlPolicy::default();
    let hostile = [
        "<script>window.__pwned=1</script>",
        "<img src=x onerror=window.__pwned=1>",
        "<svg onload=window.__pwned=1><script>window.__pwned=1</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>",
        "<a href=\"javascript:window.__pwned=1\">x</a>",
        "<a href=\" JaVaScRiPt&#58;window.__pwned=1\">x</a>",
        "<a href=\"data:text/html,<script>window.__pwned=1</script>\">x</a>",
        "<iframe src=\"javascript:window.__pwned=1\"></iframe>",
        "<form action=javascript:window.__pwned=1><button>go</button></form>",
        "<p style=\"background:url(javascript:window.__pwned=1)\" onmouseover=window.__pwned=1>t</p>",
        "<noscript><p title=\"</noscript><img src=x onerror=window.__pwned=1>\">",
        "<template><img src=x onerror=window.__pwned=1></template>",
        "<object data=\"javascript:window.__pwned=1\"></object><embed src=x>",
        "<style>body{display:none}</style><link rel=stylesheet href=//evil>",
        "<div><div><div><b onclick=x>deep</b></div></div></div>",
        "<!-- <script>window.__pwned=1</script> -->",
        "<font color=\"red;background:url(x)\">c</font>",
    ];
    for h in hostile {
        let out = sanitize_to_string(&p, h).to_ascii_lowercase();
        for bad in [
            "<script",
            "onerror",
            "onload",
            "onclick",
            "onmouseover",
            "javascript",
            "<img",
            "<svg",
            "<iframe",
            "<form",
            "<style",
            "style=",
            "<object",
            "<embed",
            "<link",
            "<math",
            "data:",
            "background",
        ] {
            assert!(!out.contains(bad), "{h:?} -> {out:?} contains {bad}");
        }
    }
    assert!(
        js_sys::Reflect::get(&web_sys::window().unwrap(), &"__pwned".into())
            .unwrap()
            .is_undefined()
    );
}
