//! The scenarios as data: how each seeded order behaves (which fixtures answer and which fields
//! go over them, its status, expiry and payment, faults, malformed answers, what status and the
//! envelopes' redirects say). A new scenario is a row of [`SCENARIOS`] (and its fixtures under
//! `fixtures/` when it needs new answers).

use super::faults::{Faults, NO_FAULTS};
use serde::{Deserialize, Serialize};

/// A malformed answer to serve instead of the real one.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Malformed {
    InvalidJson,
    WrongTypes,
    HtmlError,
    Http500,
}

/// One scenario: how a seeded order behaves.
pub struct Scenario {
    pub name: &'static str,
    pub title: &'static str,
    pub info: &'static str,
    pub qrcode: &'static str,
    pub audio: &'static str,
    pub status: i64,
    pub expires_in: i64,
    /// Seconds the order still says pending after `expire_time` (a payment still lands).
    pub expiry_grace: i64,
    pub pays_after: Option<i64>,
    pub faults: Faults,
    pub malformed: Option<Malformed>,
    /// What `/api/order/status` says in `data.status` while pending, in turn (empty: 1).
    pub pending_status: &'static [i64],
    /// The envelope `redirect` of info; of status, in turn (`{id}` is the order's id; empty: the
    /// fixture's).
    pub info_redirect: &'static str,
    pub status_redirects: &'static [&'static str],
    /// JSON objects the order starts with as its `overrides` (over info's `data`),
    /// `qrcode_overrides` (over qrcode's) and `page_overrides` (over the page's template data
    /// `orderInfo`); `{id}` is the order's id, "" none. The fields of `POST /__dev/orders` go
    /// over them.
    pub overrides: &'static str,
    pub qrcode_overrides: &'static str,
    pub page_overrides: &'static str,
    /// Stored at all (`not_found` is not).
    pub exists: bool,
    pub hint: &'static str,
}

const fn sc(name: &'static str, title: &'static str, info: &'static str) -> Scenario {
    Scenario {
        name,
        title,
        info,
        qrcode: "real.json",
        audio: "disabled.json",
        status: 1,
        expires_in: 300,
        expiry_grace: 0,
        pays_after: None,
        faults: NO_FAULTS,
        malformed: None,
        pending_status: &[],
        info_redirect: "",
        status_redirects: &[],
        overrides: "",
        qrcode_overrides: "",
        page_overrides: "",
        exists: true,
        hint: "",
    }
}

/// A pending order whose `/api/order/status` answers are malformed in the way `m` says.
const fn broken_status(name: &'static str, title: &'static str, m: Malformed) -> Scenario {
    Scenario {
        malformed: Some(m),
        ..sc(name, title, "pending.json")
    }
}

/// Every scenario: the control panel, `cargo xtask demo` and the banner list this table, and
/// each has a seeded order `demo_<name>`.
pub const SCENARIOS: &[Scenario] = &[
    sc("pending", "待支付(支付宝)", "pending.json"),
    Scenario {
        pays_after: Some(8),
        ..sc("pays_after", "8 秒后自动支付", "pending.json")
    },
    Scenario {
        status: 2,
        ..sc("paid", "已支付", "paid.json")
    },
    Scenario {
        info_redirect: "/pay/{id}",
        status_redirects: &["/pay/separate/{id}", "/pay/status?order_id={id}"],
        pays_after: Some(8),
        hint: "信息接口 redirect 为 /pay/<订单号>,状态接口轮流为 /pay/separate/<订单号> 和 /pay/status?order_id=<订单号>;8 秒后支付",
        ..sc("redirect_self", "redirect 指回支付页", "pending.json")
    },
    Scenario {
        pays_after: Some(5),
        overrides: r#"{"return_uri": "/pay/{id}"}"#,
        hint: "5 秒后支付;return_uri 是本订单的支付页 /pay/<订单号>",
        ..sc("return_self", "return_uri 指回支付页", "pending.json")
    },
    Scenario {
        status: 3,
        ..sc("closed", "已关闭", "closed.json")
    },
    Scenario {
        status: 4,
        expires_in: -60,
        ..sc("expired", "已过期", "expired.json")
    },
    Scenario {
        status: 5,
        ..sc("failed", "创建失败", "failed.json")
    },
    Scenario {
        exists: false,
        ..sc("not_found", "订单不存在 (404)", "not_found.json")
    },
    Scenario {
        qrcode: "jump.json",
        ..sc("jump", "跳转支付 (type: jump)", "pending.json")
    },
    Scenario {
        qrcode: "jump_scheme_only.json",
        pays_after: Some(8),
        overrides: r#"{"pay_payed_wait_time": 2}"#,
        hint: "只有 scheme,没有 uri;8 秒后支付,2 秒后返回商户",
        ..sc(
            "jump_scheme_paid",
            "跳转 App (仅 scheme) 后支付",
            "pending.json",
        )
    },
    Scenario {
        qrcode: "jump_hostile.json",
        ..sc("jump_refused", "跳转到被拒绝的地址", "pending.json")
    },
    Scenario {
        expires_in: 40,
        ..sc("expiring", "40 秒后过期", "pending.json")
    },
    Scenario {
        expires_in: 10,
        expiry_grace: 60,
        pays_after: Some(13),
        hint: "倒计时 10 秒后结束;服务器 60 秒内仍答待支付,第 13 秒到账",
        ..sc("paid_after_expiry", "过期 3 秒后到账", "pending.json")
    },
    Scenario {
        expires_in: 2 * 3600 + 5,
        ..sc("long_expiry", "2 小时后过期", "pending.json")
    },
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
    Scenario {
        audio: "enabled.json",
        ..sc("audio", "语音播报 (音频文件)", "pending.json")
    },
    Scenario {
        audio: "content_only.json",
        ..sc("speech", "语音播报 (语音合成)", "pending.json")
    },
    Scenario {
        hint: "用微信/QQ 的 User-Agent 打开以查看引导层",
        ..sc("in_app", "在微信内打开支付宝订单", "pending.json")
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
    Scenario {
        qrcode: "image_only.json",
        ..sc("image_only", "仅服务器二维码图片", "pending.json")
    },
    Scenario {
        qrcode: "picture_url.json",
        qrcode_overrides: r#"{"qrcode": "/__dev/qr-picture/{id}?size=300"}"#,
        hint: "qrcode_data 是支付宝付款码内容,qrcode 是无扩展名的图片地址 (页面不应加载,加载会记入调用记录)",
        ..sc("picture_url", "字段互换:qrcode 为图片地址", "pending.json")
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
    broken_status(
        "invalid_json",
        "状态接口返回无效 JSON",
        Malformed::InvalidJson,
    ),
    Scenario {
        pending_status: &[7, 0],
        pays_after: Some(8),
        hint: "待支付时状态接口轮流答 status 7 和 0 (信息接口答 1),8 秒后答 2",
        ..sc("unknown_status", "状态接口返回未知状态码", "pending.json")
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
        ..sc("flaky", "一半状态请求失败", "pending.json")
    },
    Scenario {
        faults: Faults {
            latency_ms: 2000,
            ..NO_FAULTS
        },
        ..sc("slow", "每个请求 2 秒", "pending.json")
    },
];
