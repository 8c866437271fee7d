//! The scenarios as data: how each seeded order behaves (which fixtures answer and which fields
//! go over them, its status, expiry and payment, faults, malformed answers, what status and the
//! envelopes' redirects say, which pay types a customer may choose). A new scenario is a row of [`SCENARIOS`] (and its fixtures under
//! `fixtures/` when it needs new answers).

mod row;

use super::faults::{Faults, NO_FAULTS};
use row::{audio, broken_status, cashier, ended, expiring, offering, pending, qrcode, sc};
pub use row::{Failure, Malformed, Scenario};

/// Every scenario: the control panel, `cargo xtask demo` and the banner list this table, and
/// each has a seeded order `demo_<name>`.
pub const SCENARIOS: &[Scenario] = &[
    pending("pending", "待支付(支付宝)"),
    Scenario {
        pays_after: Some(8),
        ..pending("pays_after", "8 秒后自动支付")
    },
    ended("paid", "已支付", "paid.json", 2),
    Scenario {
        info_redirect: "/pay/{id}",
        status_redirects: &["/pay/separate/{id}", "/pay/status?order_id={id}"],
        pays_after: Some(8),
        hint: "信息接口 redirect 为 /pay/<订单号>,状态接口轮流为 /pay/separate/<订单号> 和 /pay/status?order_id=<订单号>;8 秒后支付",
        ..pending("redirect_self", "redirect 指回支付页")
    },
    Scenario {
        pays_after: Some(5),
        overrides: r#"{"return_uri": "/pay/{id}"}"#,
        hint: "5 秒后支付;return_uri 是本订单的支付页 /pay/<订单号>",
        ..pending("return_self", "return_uri 指回支付页")
    },
    ended("closed", "已关闭", "closed.json", 3),
    Scenario {
        expires_in: -60,
        ..ended("expired", "已过期", "expired.json", 4)
    },
    ended("failed", "创建失败", "failed.json", 5),
    Scenario {
        exists: false,
        ..sc("not_found", "订单不存在 (404)", "not_found.json")
    },
    qrcode("jump", "跳转支付 (type: jump)", "jump.json"),
    Scenario {
        qrcode: "jump_scheme_only.json",
        pays_after: Some(8),
        overrides: r#"{"pay_payed_wait_time": 2}"#,
        hint: "只有 scheme,没有 uri;8 秒后支付,2 秒后返回商户",
        ..pending("jump_scheme_paid", "跳转 App (仅 scheme) 后支付")
    },
    qrcode("jump_refused", "跳转到被拒绝的地址", "jump_hostile.json"),
    expiring("expiring", "40 秒后过期", 40),
    Scenario {
        expires_in: 10,
        expiry_grace: 60,
        pays_after: Some(13),
        hint: "倒计时 10 秒后结束;服务器 60 秒内仍答待支付,第 13 秒到账",
        ..pending("paid_after_expiry", "过期 3 秒后到账")
    },
    expiring("long_expiry", "2 小时后过期", 2 * 3600 + 5),
    sc(
        "tip_cover0",
        "账号提示 tip_cover 0",
        "account_tip_cover0.json",
    ),
    sc(
        "tip_cover2",
        "账号提示 tip_cover 2",
        "account_tip_cover2.json",
    ),
    audio("audio", "语音播报 (音频文件)", "enabled.json"),
    audio("speech", "语音播报 (语音合成)", "content_only.json"),
    Scenario {
        hint: "用微信/QQ 的 User-Agent 打开以查看引导层",
        ..pending("in_app", "在微信内打开支付宝订单")
    },
    Scenario {
        qrcode: "wechat.json",
        ..sc(
            "adjusted",
            "金额调整 (trade_amount ≠ amount)",
            "adjusted.json",
        )
    },
    Scenario {
        qrcode: "wechat.json",
        page_overrides: r#"{"trade_amount_text": "10.00"}"#,
        hint: "信息接口 trade_amount 1001 分,页面渲染的金额 (data-inject-amount) 为 10.00",
        ..sc("amount_mismatch", "页面金额与接口不符", "adjusted.json")
    },
    qrcode("image_only", "仅服务器二维码图片", "image_only.json"),
    Scenario {
        qrcode: "picture_url.json",
        qrcode_overrides: r#"{"qrcode": "/__dev/qr-picture/{id}?size=300"}"#,
        hint: "qrcode_data 是支付宝付款码内容,qrcode 是无扩展名的图片地址 (页面不应加载,加载会记入调用记录)",
        ..pending("picture_url", "字段互换:qrcode 为图片地址")
    },
    Scenario {
        qrcode: "picture_url_wechat.json",
        qrcode_overrides: r#"{"qrcode_data": "/__dev/qr-picture/{id}/qrcode.php?text=wxp%3A%2F%2Ff2f0dd2nT0ExampleWechatPayload"}"#,
        hint: "qrcode 是 wxp:// 付款码内容,qrcode_data 是 qrcode.php?text= 图片地址 (页面不应加载)",
        ..sc("picture_url_wechat", "微信:qrcode_data 为图片地址", "pending_wechat.json")
    },
    Scenario {
        qrcode: "usdt.json",
        hint: "trade_amount 1000 分;qrcode 是收款地址,actual_amount 1.43 (USDT)",
        ..sc("usdt", "USDT-TRC20 实付 1.43", "usdt.json")
    },
    Scenario {
        qrcode: "hostile.json",
        audio: "hostile.json",
        ..sc("hostile", "恶意数据", "hostile.json")
    },
    Scenario {
        hint: "信息接口 pay_type 为空:在 /pay/separate/<订单号> 选择支付宝或微信支付;选定前二维码接口答 code 400",
        ..cashier("cashier", "收银台:未选择支付方式")
    },
    offering("cashier_single", "收银台:仅一种支付方式", "single.json", "只开放微信支付"),
    offering("cashier_empty", "收银台:没有可用的支付方式", "empty.json", "支付方式列表为空"),
    offering(
        "cashier_hostile",
        "收银台:恶意支付方式数据",
        "hostile.json",
        "名称含 HTML 和脚本,图标为 javascript: 和 data:image/svg+xml 地址",
    ),
    Scenario {
        chose_refusals: 1,
        hint: "第一次选择支付方式被拒绝 (code 502,通道繁忙),第二次起接受",
        ..cashier("cashier_refuse", "收银台:第一次选择被拒绝")
    },
    Scenario {
        types_failures: &[Failure::Http500, Failure::Envelope],
        hint: "支付方式接口第一次答 HTTP 500,第二次答 code 502,第三次起正常",
        ..cashier("cashier_types_fail", "收银台:支付方式两次加载失败")
    },
    broken_status(
        "invalid_json",
        "状态接口返回无效 JSON",
        Malformed::InvalidJson,
    ),
    Scenario {
        pending_status: &[7, 0],
        pays_after: Some(8),
        hint: "待支付时状态接口轮流答 status 7 和 0 (信息接口答 1),8 秒后答 2",
        ..pending("unknown_status", "状态接口返回未知状态码")
    },
    broken_status("wrong_types", "状态接口类型错误", Malformed::WrongTypes),
    broken_status(
        "html_error",
        "状态接口返回 HTML 错误页",
        Malformed::HtmlError,
    ),
    broken_status("http500", "状态接口 HTTP 500", Malformed::Http500),
    Scenario {
        faults: Faults {
            error_rate: 0.5,
            status_only: true,
            ..NO_FAULTS
        },
        ..pending("flaky", "一半状态请求失败")
    },
    Scenario {
        faults: Faults {
            latency_ms: 2000,
            ..NO_FAULTS
        },
        ..pending("slow", "每个请求 2 秒")
    },
];

/// The qrcode fixture of an order once its customer chose this pay type
/// (`/api/order/chose-type`); a type not named here keeps its scenario's.
pub const QRCODE_OF_PAY_TYPE: &[(&str, &str)] = &[
    ("alipay", "real.json"),
    ("wxpay", "wechat.json"),
    ("usdt", "usdt.json"),
];
