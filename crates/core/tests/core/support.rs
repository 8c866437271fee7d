//! Fixture loading shared by the test modules.

use std::path::PathBuf;

use paypage_core::model::{parse_audio, parse_info, parse_qrcode, parse_status};
use paypage_core::model::{AudioInfo, OrderInfo, QrInfo, StatusInfo};
use paypage_core::wire::{decode_reply, Reply};

pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("fixtures")
        .join(name)
}

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

pub fn info(name: &str) -> Reply<OrderInfo> {
    decode_reply(200, &fixture(&format!("info/{name}")), parse_info)
}

pub fn status(name: &str) -> Reply<StatusInfo> {
    decode_reply(200, &fixture(&format!("status/{name}")), parse_status)
}

pub fn qr(name: &str) -> Reply<QrInfo> {
    decode_reply(200, &fixture(&format!("qrcode/{name}")), parse_qrcode)
}

pub fn audio(name: &str) -> Reply<AudioInfo> {
    decode_reply(200, &fixture(&format!("audio/{name}")), parse_audio)
}

/// Every fixture file, by path relative to `fixtures/`.
pub fn all_fixtures() -> Vec<String> {
    let mut out = Vec::new();
    for dir in ["info", "status", "qrcode", "audio"] {
        let mut names: Vec<String> = std::fs::read_dir(fixture_path(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        out.extend(names.into_iter().map(|n| format!("{dir}/{n}")));
    }
    out
}
