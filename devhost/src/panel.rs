//! The control panel at `/__dev/`: orders, their state, actions, and the live API call log.

use axum::http::header;
use axum::response::{Html, IntoResponse, Response};

pub async fn page() -> Response {
    Html(PAGE).into_response()
}

pub async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        SCRIPT,
    )
        .into_response()
}

pub async fn live_script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        LIVE,
    )
        .into_response()
}

/// Reloads the page when a file of the theme folder changes (`--live`).
const LIVE: &str = r#"'use strict';
(function () {
  let last = null;
  async function check() {
    try {
      const r = await fetch('/__dev/changes', { cache: 'no-store' });
      const { stamp } = await r.json();
      if (last !== null && stamp !== last) { location.reload(); return; }
      last = stamp;
    } catch (e) { /* the host restarts: try again */ }
    setTimeout(check, 700);
  }
  check();
})();
"#;

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>devhost 控制台 · paypage</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; padding: 16px; background: Canvas; color: CanvasText; }
  h1 { font-size: 1.3rem; margin: 0 0 12px; }
  .grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; }
  @media (max-width: 900px) { .grid { grid-template-columns: 1fr; } }
  table { border-collapse: collapse; width: 100%; font-size: .9rem; }
  th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #8884; vertical-align: top; }
  button { min-height: 32px; margin: 2px; cursor: pointer; }
  .st1 { color: #b26a00; } .st2 { color: #1b7f3b; } .st3, .st4, .st5 { color: #b3261e; }
  #log { font: 12px/1.5 ui-monospace, monospace; max-height: 70vh; overflow: auto; border: 1px solid #8884; padding: 8px; }
  .hint { color: #888; font-size: .8rem; }
  form { margin: 8px 0 16px; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
</style>
</head>
<body>
<h1>devhost 控制台 · paypage</h1>
<form id="create">
  <label>场景 <select id="scenario"></select></label>
  <button type="submit">新建订单</button>
  <label><input type="checkbox" id="down"> API 不可用 30 秒</label>
  <label>全局延迟 <input id="latency" type="number" min="0" step="50" value="0" style="width:6em"> ms</label>
  <button type="button" id="apply-faults">应用故障设置</button>
</form>
<div class="grid">
  <section>
    <h2>订单</h2>
    <table>
      <thead><tr><th>订单号</th><th>场景</th><th>状态</th><th>操作</th></tr></thead>
      <tbody id="orders"></tbody>
    </table>
  </section>
  <section>
    <h2>接口调用记录 <span class="hint" id="log-filter">(全部订单)</span></h2>
    <div id="log" role="log" aria-live="polite"></div>
  </section>
</div>
<script src="/__dev/panel.js"></script>
</body>
</html>
"#;

const SCRIPT: &str = r#"'use strict';
const $ = (id) => document.getElementById(id);
let lastSeq = 0;
let filter = '';
function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}
async function post(url, body) {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body || {}) });
  return r.json().catch(() => ({}));
}
async function refresh() {
  const data = await (await fetch('/__dev/orders')).json();
  const sel = $('scenario');
  if (!sel.options.length) for (const s of data.scenarios) sel.append(el('option', { value: s.name }, s.name + ' · ' + s.title));
  const body = $('orders');
  body.replaceChildren();
  for (const o of data.orders) {
    const tr = el('tr', { 'data-order': o.order_id });
    const link = el('a', { href: o.url, target: '_blank' }, o.order_id);
    const idCell = el('td'); idCell.append(link);
    if (o.hint) idCell.append(el('div', { class: 'hint' }, o.hint));
    tr.append(idCell, el('td', {}, o.scenario + ' · ' + o.title), el('td', { class: 'st' + o.status, 'data-status': o.status }, o.status_text));
    const actions = el('td');
    for (const [act, label] of [['pay', '标记已支付'], ['close', '关闭'], ['expire', '过期'], ['reopen', '重新打开']]) {
      const b = el('button', { type: 'button', 'data-action': act }, label);
      b.addEventListener('click', async () => { await post('/__dev/orders/' + encodeURIComponent(o.order_id) + '/' + act); refresh(); });
      actions.append(b);
    }
    const logBtn = el('button', { type: 'button' }, '只看此订单记录');
    logBtn.addEventListener('click', () => { filter = o.order_id; lastSeq = 0; $('log').replaceChildren(); $('log-filter').textContent = '(' + o.order_id + ')'; pollLog(); });
    actions.append(logBtn);
    tr.append(actions);
    body.append(tr);
  }
}
async function pollLog() {
  const q = new URLSearchParams({ since: String(lastSeq) });
  if (filter) q.set('order_id', filter);
  const data = await (await fetch('/__dev/log?' + q)).json();
  const log = $('log');
  for (const e of data.entries) {
    lastSeq = Math.max(lastSeq, e.seq);
    const t = new Date(e.at_ms).toLocaleTimeString('zh-CN', { hour12: false }) + '.' + String(e.at_ms % 1000).padStart(3, '0');
    log.append(el('div', {}, t + '  ' + e.method + ' ' + e.path + '?' + e.query + '  ' + e.order_id + '  → ' + e.answer));
  }
  log.scrollTop = log.scrollHeight;
}
$('create').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const r = await post('/__dev/orders', { scenario: $('scenario').value });
  await refresh();
  if (r.url) window.open(r.url, '_blank');
});
$('apply-faults').addEventListener('click', async () => {
  const body = { latency_ms: Number($('latency').value) || 0 };
  if ($('down').checked) body.down_for_secs = 30;
  await post('/__dev/faults', body);
});
refresh();
pollLog();
setInterval(refresh, 3000);
setInterval(pollLog, 1000);
"#;
