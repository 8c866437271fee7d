//! A scenario's row: its fields, the kinds of broken answers it can ask for, the defaults every
//! row starts from (`sc`), and the kinds of row the table has many of (`pending`, `ended`,
//! `qrcode`, `audio`, `expiring`, `cashier`, `offering`, `broken_status`), so a row says only
//! what differs.

use super::super::faults::{Faults, NO_FAULTS};
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

/// How one of the first calls of `/api/pay/types` fails (`types_failures`).
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Failure {
    /// HTTP 500, plain text, as a crashed server says it.
    Http500,
    /// HTTP 200 with a failure envelope (`fixtures/types/failure.json`, code 502).
    Envelope,
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
    /// The pay types open to the order (`/api/pay/types`): a fixture under `fixtures/types/`.
    pub pay_types: &'static str,
    /// How the first calls of `/api/pay/types` fail, one a call; later calls answer.
    pub types_failures: &'static [Failure],
    /// How many of the first `/api/order/chose-type` calls are refused
    /// (`fixtures/chose-type/busy.json`) before one is taken.
    pub chose_refusals: u32,
    /// Stored at all (`not_found` is not).
    pub exists: bool,
    pub hint: &'static str,
}

pub(super) const fn sc(name: &'static str, title: &'static str, info: &'static str) -> Scenario {
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
        pay_types: "default.json",
        types_failures: &[],
        chose_refusals: 0,
        exists: true,
        hint: "",
    }
}

/// A pending order (`pending.json`) that answers as every row does unless it says otherwise.
pub(super) const fn pending(name: &'static str, title: &'static str) -> Scenario {
    sc(name, title, "pending.json")
}

/// An order already in the final state `status` (its `info` fixture says the same).
pub(super) const fn ended(
    name: &'static str,
    title: &'static str,
    info: &'static str,
    status: i64,
) -> Scenario {
    Scenario {
        status,
        ..sc(name, title, info)
    }
}

/// A pending order whose qrcode answer is the fixture `qrcode`.
pub(super) const fn qrcode(
    name: &'static str,
    title: &'static str,
    qrcode: &'static str,
) -> Scenario {
    Scenario {
        qrcode,
        ..pending(name, title)
    }
}

/// A pending order whose audio answer is the fixture `audio`.
pub(super) const fn audio(
    name: &'static str,
    title: &'static str,
    audio: &'static str,
) -> Scenario {
    Scenario {
        audio,
        ..pending(name, title)
    }
}

/// A pending order whose countdown ends in `expires_in` seconds.
pub(super) const fn expiring(name: &'static str, title: &'static str, expires_in: i64) -> Scenario {
    Scenario {
        expires_in,
        ..pending(name, title)
    }
}

/// A pending order without a pay type, whose customer chooses one (XArr's `separate.html`).
pub(super) const fn cashier(name: &'static str, title: &'static str) -> Scenario {
    Scenario {
        overrides: r#"{"pay_type": ""}"#,
        ..pending(name, title)
    }
}

/// [`cashier`] with the pay types `pay_types` (a fixture under `fixtures/types/`) and a `hint`.
pub(super) const fn offering(
    name: &'static str,
    title: &'static str,
    pay_types: &'static str,
    hint: &'static str,
) -> Scenario {
    Scenario {
        pay_types,
        hint,
        ..cashier(name, title)
    }
}

/// A pending order whose `/api/order/status` answers are malformed in the way `m` says.
pub(super) const fn broken_status(
    name: &'static str,
    title: &'static str,
    m: Malformed,
) -> Scenario {
    Scenario {
        malformed: Some(m),
        ..pending(name, title)
    }
}
