//! What the dev host serves in the platform's place: pay-type icons, a chime for the voice
//! broadcast, the merchant's return page, and the WebDriver probe script.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};

use crate::app::Shared;
use crate::template;

/// A pay-type icon (the platform serves real ones; these stand in for previews).
pub async fn logo(Path(name): Path<String>) -> Response {
    let colour = match name.trim_end_matches(".svg") {
        "alipay" => "#1677ff",
        "wxpay" | "wechat" => "#07a35a",
        "qqpay" => "#1f8ad2",
        "bank" => "#d4001b",
        _ => "#5b6472",
    };
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 20 20\"><rect width=\"20\" height=\"20\" rx=\"5\" fill=\"{colour}\"/><path d=\"M5 10.5l3 3 7-7\" fill=\"none\" stroke=\"#fff\" stroke-width=\"2\"/></svg>"
    );
    ([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response()
}

pub async fn return_page(State(st): State<Shared>, Path(id): Path<String>) -> Response {
    if let Ok(mut returns) = st.returns.lock() {
        *returns.entry(id.clone()).or_default() += 1;
    }
    let id = template::escape(&id);
    Html(format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>商户页面</title></head>\
         <body><main><h1 id=\"merchant-return\">商户页面:订单 {id} 已返回</h1></main></body></html>"
    ))
    .into_response()
}

/// A short two-tone chime as a WAV file, made here so the demo needs no binary asset.
pub async fn audio() -> Response {
    let rate = 16_000u32;
    let mut samples: Vec<i16> = Vec::new();
    for (freq, ms) in [(880.0f32, 180u32), (1320.0, 260)] {
        let n = rate * ms / 1000;
        for i in 0..n {
            let t = i as f32 / rate as f32;
            let env = 1.0 - i as f32 / n as f32;
            samples.push(((t * freq * std::f32::consts::TAU).sin() * env * 9000.0) as i16);
        }
    }
    let data_len = (samples.len() * 2) as u32;
    let mut wav = Vec::with_capacity(44 + data_len as usize);
    wav.extend_from_slice(b"RIFF");
    wav.extend_from_slice(&(36 + data_len).to_le_bytes());
    wav.extend_from_slice(b"WAVEfmt ");
    wav.extend_from_slice(&16u32.to_le_bytes());
    wav.extend_from_slice(&1u16.to_le_bytes());
    wav.extend_from_slice(&1u16.to_le_bytes());
    wav.extend_from_slice(&rate.to_le_bytes());
    wav.extend_from_slice(&(rate * 2).to_le_bytes());
    wav.extend_from_slice(&2u16.to_le_bytes());
    wav.extend_from_slice(&16u16.to_le_bytes());
    wav.extend_from_slice(b"data");
    wav.extend_from_slice(&data_len.to_le_bytes());
    for s in samples {
        wav.extend_from_slice(&s.to_le_bytes());
    }
    ([(header::CONTENT_TYPE, "audio/wav")], wav).into_response()
}

pub async fn probe_script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        include_str!("probe.js"),
    )
        .into_response()
}
