//! Every text the page shows, in zh-CN (default), zh-TW and en. Components never hold strings:
//! they ask [`Texts::get`] for a [`Key`]. Merchants can override any key per language.

use super::json::{Json, Scalar};

/// A supported language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Locale {
    ZhCn,
    ZhTw,
    En,
}

impl Locale {
    /// Reads a language tag (`zh-CN`, `zh_TW`, `zh-Hant-HK`, `en-US`, `zh`).
    pub fn from_tag(tag: &str) -> Option<Self> {
        let t = tag.trim().to_ascii_lowercase().replace('_', "-");
        if t.is_empty() {
            return None;
        }
        if t.starts_with("zh") {
            let traditional = ["-tw", "-hk", "-mo", "-hant"].iter().any(|s| t.contains(s));
            return Some(if traditional { Self::ZhTw } else { Self::ZhCn });
        }
        if t == "en" || t.starts_with("en-") {
            return Some(Self::En);
        }
        None
    }

    /// `?lang=` first, then the theme's configuration, then the browser's languages in order,
    /// else zh-CN.
    pub fn choose(query: Option<&str>, configured: Option<&str>, browser: &[String]) -> Self {
        query
            .and_then(Self::from_tag)
            .or_else(|| configured.and_then(Self::from_tag))
            .or_else(|| browser.iter().find_map(|t| Self::from_tag(t)))
            .unwrap_or(Self::ZhCn)
    }

    /// The `lang` attribute value.
    pub fn tag(self) -> &'static str {
        match self {
            Self::ZhCn => "zh-CN",
            Self::ZhTw => "zh-TW",
            Self::En => "en",
        }
    }
}

macro_rules! texts {
    ($($key:ident => $cn:expr, $tw:expr, $en:expr;)*) => {
        /// A text of the page. The name (`Key::name`) is what merchants use in overrides.
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Key { $($key,)* }

        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$key,)*];

            pub fn name(self) -> &'static str {
                match self { $(Key::$key => stringify!($key),)* }
            }

            /// (A search of [`Key::ALL`] by [`Key::name`]: one small loop in the wasm, not a
            /// string match compiled per key.)
            pub fn from_name(name: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|k| k.name() == name)
            }

            pub fn builtin(self, locale: Locale) -> &'static str {
                /// The three languages' texts of each key, in `Key` order: a table lookup in the
                /// wasm, not a match compiled per key and language.
                const BUILTIN: &[[&str; 3]] = &[$([$cn, $tw, $en],)*];
                let lang = match locale {
                    Locale::ZhCn => 0,
                    Locale::ZhTw => 1,
                    Locale::En => 2,
                };
                BUILTIN
                    .get(self as usize)
                    .and_then(|texts| texts.get(lang))
                    .copied()
                    .unwrap_or_default()
            }
        }
    };
}

texts! {
    page_title => "收银台", "收銀台", "Checkout";
    loading => "正在加载订单…", "正在載入訂單…", "Loading your order…";
    amount_label => "应付金额", "應付金額", "Amount to pay";
    pay_exactly => "请务必支付 {amount},金额不符将无法到账", "請務必支付 {amount},金額不符將無法入帳", "Pay exactly {amount}; any other amount will not be credited";
    order_amount => "订单金额 {amount}", "訂單金額 {amount}", "Order amount {amount}";
    subject_label => "商品", "商品", "Item";
    order_id_label => "订单号", "訂單編號", "Order number";
    pay_type_label => "支付方式", "支付方式", "Payment method";
    scan_with => "请使用{app}扫码支付", "請使用{app}掃碼支付", "Scan with {app} to pay";
    qr_alt => "{app}付款二维码,金额 {amount}", "{app}付款二維碼,金額 {amount}", "{app} payment QR code for {amount}";
    qr_loading => "正在生成二维码…", "正在產生二維碼…", "Preparing the QR code…";
    qr_failed => "二维码加载失败", "二維碼載入失敗", "The QR code could not be loaded";
    qr_missing => "暂时无法显示二维码,请联系商家", "暫時無法顯示二維碼,請聯絡商家", "No QR code is available; please contact the merchant";
    retry => "重试", "重試", "Try again";
    open_app => "打开{app}付款", "開啟{app}付款", "Open {app} to pay";
    save_qr => "保存二维码", "儲存二維碼", "Save QR code";
    long_press_hint => "长按二维码保存图片,再用{app}扫一扫识别", "長按二維碼儲存圖片,再用{app}掃一掃辨識", "Long-press the code to save the picture, then scan it in {app}";
    long_press_recognize => "长按二维码,选择“识别图中二维码”付款,也可保存图片", "長按二維碼,選擇「識別圖中二維碼」付款,也可儲存圖片", "Long-press the code and choose “Scan QR Code in Image” to pay, or save the picture";
    copy => "复制", "複製", "Copy";
    copied => "已复制", "已複製", "Copied";
    copy_failed => "复制失败,请手动复制", "複製失敗,請手動複製", "Copy failed; please copy it by hand";
    copy_amount => "复制金额", "複製金額", "Copy amount";
    copy_order_id => "复制订单号", "複製訂單編號", "Copy order number";
    copy_account => "复制收款账号", "複製收款帳號", "Copy receiving account";
    account_label => "收款账号", "收款帳號", "Receiving account";
    time_left => "剩余支付时间", "剩餘付款時間", "Time left to pay";
    expiring_soon => "即将过期,请尽快支付", "即將過期,請盡快付款", "Expiring soon: please pay now";
    time_left_announce => "剩余支付时间 {time}", "剩餘付款時間 {time}", "{time} left to pay";
    duration_hour => "{n} 小时", "{n} 小時", "{n} hour";
    duration_hours => "{n} 小时", "{n} 小時", "{n} hours";
    duration_minute => "{n} 分", "{n} 分", "{n} minute";
    duration_minutes => "{n} 分", "{n} 分", "{n} minutes";
    duration_second => "{n} 秒", "{n} 秒", "{n} second";
    duration_seconds => "{n} 秒", "{n} 秒", "{n} seconds";
    reconnecting => "网络不稳定,正在重新连接…", "網路不穩定,正在重新連線…", "Connection problem: reconnecting…";
    checking => "支付时间已到,正在确认是否已收到付款…如已付款请勿重复支付", "付款時間已到,正在確認是否已收到付款…如已付款請勿重複付款", "Time is up. Checking whether your payment arrived… If you have paid, do not pay again.";
    check_now => "我已支付", "我已付款", "I have paid";
    check_checking => "正在查询支付结果…", "正在查詢付款結果…", "Checking your payment…";
    check_not_yet => "暂未收到付款。如已付款,请稍候,页面会自动更新", "暫未收到付款。如已付款,請稍候,頁面會自動更新", "The payment has not arrived yet. If you have paid, please wait: this page updates by itself.";
    check_failed => "暂时无法查询,页面会继续自动查询", "暫時無法查詢,頁面會繼續自動查詢", "Could not check right now; the page keeps checking by itself.";
    app_opened => "请在{app}中完成付款,付款后返回此页面", "請在{app}中完成付款,付款後返回此頁面", "Pay in {app}, then come back to this page.";
    back_to_merchant => "返回商户", "返回商家", "Back to the merchant";
    channel_amount_label => "实际需支付", "實際需付款", "Amount to pay in the channel";
    copy_channel_amount => "复制实际支付金额", "複製實際付款金額", "Copy the amount to pay";
    paid_title => "支付成功", "付款成功", "Payment received";
    paid_return_in => "{secs} 秒后返回商户", "{secs} 秒後返回商家", "Returning to the merchant in {secs} s";
    paid_return_now => "立即返回商户", "立即返回商家", "Return to the merchant now";
    paid_no_return => "商户未提供返回地址,您可以关闭此页面。如需查询,请保留订单号", "商家未提供返回網址,您可以關閉此頁面。如需查詢,請保留訂單編號", "The merchant gave no page to return to. You can close this page; keep the order number for any question.";
    paid_return_refused => "商户返回地址不安全,已停止跳转", "商家返回網址不安全,已停止跳轉", "The merchant's return address is unsafe and was not opened";
    closed_title => "订单已关闭", "訂單已關閉", "Order closed";
    closed_body => "该订单已关闭,请勿继续付款", "此訂單已關閉,請勿繼續付款", "This order is closed. Do not pay for it.";
    expired_title => "订单已过期", "訂單已逾期", "Order expired";
    expired_body => "支付时间已过,请返回商户重新下单", "付款時間已過,請返回商家重新下單", "The time to pay is over. Please place the order again.";
    lapsed_hint => "如您已付款,请点击“我已支付”,本页会继续确认,付款到账后自动显示", "如您已付款,請點擊「我已付款」,本頁會繼續確認,款項到帳後自動顯示", "If you have paid, press “I have paid”: this page keeps checking and shows the payment once it arrives.";
    failed_title => "订单创建失败", "訂單建立失敗", "Order could not be created";
    failed_body => "支付通道未能创建该订单,请返回商户重试", "付款通道未能建立此訂單,請返回商家重試", "The payment channel could not create this order. Please try again from the merchant.";
    not_found_title => "订单不存在", "訂單不存在", "Order not found";
    not_found_body => "未找到该订单,请核对链接是否完整", "找不到此訂單,請確認連結是否完整", "No such order. Please check the link.";
    no_order_id => "链接中缺少订单号", "連結中缺少訂單編號", "The link has no order number";
    unavailable_title => "暂时无法连接支付服务", "暫時無法連線付款服務", "The payment service is unreachable";
    unavailable_retrying => "正在自动重试…", "正在自動重試…", "Retrying automatically…";
    unreadable_title => "订单信息有误,暂不能支付", "訂單資訊有誤,暫不能付款", "This order cannot be paid yet";
    unreadable_body => "订单的金额或有效期无法确认。为避免付错金额,页面不显示金额和二维码,请稍候或联系商家。", "訂單的金額或有效期限無法確認。為避免付錯金額,頁面不顯示金額和二維碼,請稍候或聯絡商家。", "The order's amount or expiry could not be confirmed. So that you do not pay a wrong amount, no amount or QR code is shown. Please wait or contact the merchant.";
    server_said => "服务器提示:{message}", "伺服器提示:{message}", "The server said: {message}";
    contact => "如有疑问请联系客服 QQ:{qq}", "如有疑問請聯絡客服 QQ:{qq}", "Questions? Contact support, QQ {qq}";
    jump_title => "正在跳转到支付页面…", "正在跳轉到付款頁面…", "Opening the payment page…";
    jump_refused => "支付地址不安全,已阻止跳转,请联系商家", "付款網址不安全,已阻止跳轉,請聯絡商家", "The payment address is unsafe and was blocked. Please contact the merchant.";
    jump_blocked => "已多次跳转到支付页面,请点击下方按钮继续", "已多次跳轉到付款頁面,請點擊下方按鈕繼續", "You were sent to the payment page several times. Tap below to continue.";
    jump_continue => "继续前往支付页面", "繼續前往付款頁面", "Continue to the payment page";
    guidance_title => "请在手机浏览器中打开", "請在手機瀏覽器中開啟", "Open this page in your phone's browser";
    guidance_body => "当前应用无法打开{app}。请点击右上角 ··· ,选择「在浏览器打开」后继续支付。", "目前的應用程式無法開啟{app}。請點擊右上角 ··· ,選擇「在瀏覽器開啟」後繼續付款。", "This app cannot open {app}. Tap ··· at the top right and choose \"Open in browser\" to continue.";
    guidance_close => "我知道了", "我知道了", "Got it";
    audio_tap => "点击收听语音提示", "點擊收聽語音提示", "Tap to hear the voice prompt";
    audio_mute => "关闭语音", "關閉語音", "Mute voice";
    audio_unmute => "开启语音", "開啟語音", "Unmute voice";
    app_alipay => "支付宝", "支付寶", "Alipay";
    app_wechat => "微信", "微信", "WeChat";
    app_qq => "QQ", "QQ", "QQ";
    app_unionpay => "云闪付", "雲閃付", "UnionPay";
    app_other => "付款应用", "付款應用程式", "your payment app";
    status_page_title => "支付结果", "付款結果", "Payment result";
    pending_status => "等待支付", "等待付款", "Waiting for payment";
    choose_channel => "选择支付方式", "選擇付款方式", "Choose how to pay";
    types_loading => "正在加载支付方式…", "正在載入付款方式…", "Loading the payment methods…";
    types_failed => "支付方式加载失败", "付款方式載入失敗", "The payment methods could not be loaded";
    types_empty => "暂无可用的支付方式,请联系商家", "暫無可用的付款方式,請聯絡商家", "No payment method is available. Please contact the merchant.";
    choose_confirm => "确认并支付", "確認並付款", "Continue to payment";
    choose_busy => "正在提交…", "正在提交…", "Submitting…";
    chose_failed => "未能选择该支付方式,请重试或换一种", "未能選擇此付款方式,請重試或換一種", "This payment method could not be chosen. Try again or choose another.";
    skip_to_qr => "跳到付款二维码", "跳到付款二維碼", "Skip to the payment QR code";
    no_wasm_pay_code => "此浏览器无法跟踪支付结果。请扫码付款,付款后返回商户,或在系统浏览器中打开此页面", "此瀏覽器無法追蹤付款結果。請掃碼付款,付款後返回商家,或在系統瀏覽器中開啟此頁面", "This browser cannot follow the payment. Pay with the code, then return to the merchant, or open this page in your system browser.";
    no_wasm_open_elsewhere => "此浏览器无法显示付款二维码和支付结果,请在系统浏览器中打开此页面", "此瀏覽器無法顯示付款二維碼和付款結果,請在系統瀏覽器中開啟此頁面", "This browser cannot show the payment code or follow the payment. Please open this page in your system browser.";
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&["{", name, "}"].concat(), value);
    }
    out
}

/// The texts of one page view: built-in tables with the merchant's overrides on top.
#[derive(Clone, Debug, PartialEq)]
pub struct Texts {
    pub locale: Locale,
    /// The merchant's texts, one per key at most (a short list: a map would cost the wasm more
    /// than it saves).
    overrides: Vec<(Key, String)>,
}

impl Texts {
    pub fn new(locale: Locale) -> Self {
        Self {
            locale,
            overrides: Vec::new(),
        }
    }

    pub fn get(&self, key: Key) -> &str {
        self.overrides
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, text)| text.as_str())
            .unwrap_or_else(|| key.builtin(self.locale))
    }

    pub fn fill(&self, key: Key, values: &[(&str, &str)]) -> String {
        fill(self.get(key), values)
    }

    /// Merges a JSON override block: either `{"key": "text"}` for every language, or
    /// `{"zh-CN": {...}, "en": {...}}` per language. Returns a warning per unknown key or bad value.
    /// (Parsed with serde_json: native builds; the browser parses with its own `JSON.parse` and
    /// calls [`Texts::merge_parsed`].)
    pub fn merge_overrides(&mut self, json: &str) -> Vec<String> {
        self.merge_parsed(
            serde_json::from_str::<serde_json::Value>(json).map_err(|e| e.to_string()),
        )
    }

    /// The same for an override block already parsed (or the parser's complaint).
    pub fn merge_parsed<J: Json>(&mut self, parsed: Result<J, String>) -> Vec<String> {
        let mut warnings = Vec::new();
        let value = match parsed {
            Ok(v) => v,
            Err(e) => return vec![["data-texts: not JSON (", &e, "); ignored"].concat()],
        };
        if value.scalar() != Scalar::Object {
            return vec!["data-texts: expected a JSON object; ignored".into()];
        }
        for (name, v) in value.members() {
            if let Some(locale) = Locale::from_tag(&name) {
                if locale != self.locale {
                    continue;
                }
                if v.scalar() == Scalar::Object {
                    for (k, t) in v.members() {
                        self.set_one(&k, &t, &mut warnings);
                    }
                } else {
                    warnings.push(["data-texts: '", &name, "' must be an object; ignored"].concat())
                }
            } else {
                self.set_one(&name, &v, &mut warnings);
            }
        }
        warnings
    }

    fn set_one<J: Json>(&mut self, name: &str, v: &J, warnings: &mut Vec<String>) {
        let text = match v.scalar() {
            Scalar::Str(s) => Some(s),
            _ => None,
        };
        match (Key::from_name(name), text) {
            (Some(key), Some(text)) if !text.trim().is_empty() => {
                self.overrides.retain(|(k, _)| *k != key);
                self.overrides.push((key, text));
            }
            (Some(_), _) => warnings.push(
                [
                    "data-texts: '",
                    name,
                    "' must be a non-empty string; ignored",
                ]
                .concat(),
            ),
            (None, _) => warnings.push(["data-texts: unknown key '", name, "'; ignored"].concat()),
        }
    }
}
