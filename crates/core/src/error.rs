//! The one error type of the order core.
//!
//! Shaped like ripgrep's: an [`Error`] carries a [`ErrorKind`] that callers match on, plus a
//! human-readable detail for logs. Every kind documents whether retrying the same request can help.

use crate::prelude::*;
use core::fmt;

/// What went wrong with a call to the template API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The request never got an answer: offline, DNS, connection reset, CORS. Retry helps.
    Network,
    /// No answer within the per-request timeout; the fetch was aborted. Retry helps.
    Timeout,
    /// The HTTP status was not 2xx and the body was not an API envelope. Retry helps for 5xx,
    /// 408 and 429 (proxies, gateways, rate limits), not for other 4xx.
    HttpStatus(u16),
    /// The body was not JSON (for example a proxy's HTML error page). Retry helps: such pages come
    /// from the infrastructure in front of XArr and are usually transient.
    NotJson,
    /// The envelope said `code != 200`. `message` is the server's own text (Chinese on XArr).
    /// 404 means the order does not exist: retrying cannot help. 5xx (502 channel failure) can.
    Api { code: i64, message: String },
    /// JSON, but not the shape the API promises (missing `data` on success, wrong types).
    /// Retrying the same call will get the same answer, so it does not help.
    InvalidResponse,
    /// A pending order whose money or time cannot be read without guessing: an amount that is
    /// not a whole number of fen (`"10.00"` could be fen or yuan), no amount at all, or no usable
    /// expiry. The page shows no amount and no QR rather than a guess. Retry helps: the platform or
    /// the merchant can correct the order while the customer waits.
    UnreadableOrder,
}

/// An error of the template API client or decoder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    detail: String,
}

impl Error {
    pub fn new(kind: ErrorKind, detail: impl Into<String>) -> Self {
        Self {
            kind,
            detail: detail.into(),
        }
    }

    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// Technical detail for the console; never shown as the customer-facing message.
    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// Whether sending the same request again later can succeed.
    pub fn is_retryable(&self) -> bool {
        match &self.kind {
            ErrorKind::Network | ErrorKind::Timeout | ErrorKind::NotJson => true,
            ErrorKind::HttpStatus(s) => *s >= 500 || *s == 408 || *s == 429,
            ErrorKind::Api { code, .. } => *code >= 500 || *code == 429,
            ErrorKind::InvalidResponse => false,
            ErrorKind::UnreadableOrder => true,
        }
    }

    /// True when the server said the order does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(&self.kind, ErrorKind::Api { code: 404, .. })
    }

    /// The server's own message, when it sent one.
    pub fn server_message(&self) -> Option<&str> {
        match &self.kind {
            ErrorKind::Api { message, .. } if !message.trim().is_empty() => Some(message),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Network => write!(f, "network error: {}", self.detail),
            ErrorKind::Timeout => write!(f, "timed out: {}", self.detail),
            ErrorKind::HttpStatus(s) => write!(f, "HTTP {s}: {}", self.detail),
            ErrorKind::NotJson => write!(f, "response is not JSON: {}", self.detail),
            ErrorKind::Api { code, message } => write!(f, "API code {code}: {message}"),
            ErrorKind::InvalidResponse => write!(f, "invalid response: {}", self.detail),
            ErrorKind::UnreadableOrder => write!(f, "unreadable order: {}", self.detail),
        }
    }
}

impl core::error::Error for Error {}
