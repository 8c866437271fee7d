//! The per-tab limit on the page's own navigations for one order: the last guard against a
//! redirect loop the rules miss (a merchant page that sends the customer straight back, two
//! servers redirecting to each other). The browser side keeps the record in sessionStorage; the
//! decision is here.

/// Navigations allowed for one order within [`WINDOW_MS`] in one tab.
pub const MAX_HOPS: u32 = 3;
/// The window the hops are counted in.
pub const WINDOW_MS: i64 = 120_000;

/// Whether one more navigation may go out now, and the record to store: `stored` is what the tab
/// kept (`"<count>:<first ms>"`, anything else reads as no record); `now_ms` the local time.
pub fn next_hop(stored: Option<&str>, now_ms: i64) -> (bool, String) {
    let record = stored.and_then(|s| {
        let (count, first) = s.trim().split_once(':')?;
        Some((count.parse::<u32>().ok()?, first.parse::<i64>().ok()?))
    });
    let (count, first) = match record {
        Some((count, first)) if (0..WINDOW_MS).contains(&now_ms.saturating_sub(first)) => {
            (count, first)
        }
        _ => (0, now_ms),
    };
    if count >= MAX_HOPS {
        return (false, format_record(count, first));
    }
    (true, format_record(count + 1, first))
}

fn format_record(count: u32, first: i64) -> String {
    let mut s = String::new();
    super::numtext::push_uint(&mut s, u64::from(count));
    s.push(':');
    if first < 0 {
        s.push('-');
    }
    super::numtext::push_uint(&mut s, first.unsigned_abs());
    s
}
