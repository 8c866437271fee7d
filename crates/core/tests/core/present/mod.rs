//! Rules of `present`, by subject as the source splits them: the tip_cover rule (here); which
//! qrcode field is the payload and what the first paint shows (`qr`); the app of an order and the
//! browser it is open in (`browser`).

use paypage_core::model::AccountTip;
use paypage_core::present::tips_to_show;

mod browser;
mod qr;

fn tip(t: Option<&str>, cover: i64) -> AccountTip {
    AccountTip {
        tip: t.map(Into::into),
        tip_cover: cover,
    }
}

#[test]
fn tip_cover_rule() {
    let a = tip(Some("ACC"), 0);
    assert_eq!(
        tips_to_show(Some("PAY"), &a),
        vec!["ACC"],
        "account tip replaces pay_tip"
    );
    let a = tip(Some("ACC"), 1);
    assert_eq!(tips_to_show(Some("PAY"), &a), vec!["ACC"]);
    let a = tip(Some("ACC"), 2);
    assert_eq!(
        tips_to_show(Some("PAY"), &a),
        vec!["ACC", "PAY"],
        "both when tip_cover is 2"
    );
    let a = tip(Some("  "), 2);
    assert_eq!(
        tips_to_show(Some("PAY"), &a),
        vec!["PAY"],
        "blank account tip is absent"
    );
    let a = tip(None, 0);
    assert_eq!(tips_to_show(None, &a), Vec::<&str>::new());
    assert_eq!(tips_to_show(Some("PAY"), &a), vec!["PAY"]);
}
