// paypage boot module: starts the WebAssembly app, and starts `/api/order/info` at once so the
// answer is on its way while the wasm downloads and compiles (the app takes the promise over).
// External, not inline: the page works under a strict Content-Security-Policy and XArr's template
// engine never sees a dollar-brace here.
const root = document.getElementById('paypage');
const rendered = (v) => typeof v === 'string' && v.trim() !== '' && v.indexOf('$' + '{') === -1;

// Outside XArr the pre-rendered values still hold the raw template text: hide them at once.
for (const el of document.querySelectorAll('.pp-boot-only')) {
  if (el.textContent.indexOf('$' + '{') !== -1) el.hidden = true;
}

// The order id, found the way the app finds it (core::order_ref): injected, else /pay/<id>, else
// ?order_id=. The app only uses this answer if it would have sent the very same body.
function orderId() {
  const injected = root && root.getAttribute('data-inject-order-id');
  if (rendered(injected)) return injected.trim();
  const parts = location.pathname.split('/').filter(Boolean);
  const i = parts.indexOf('pay');
  const last = i >= 0 ? parts[parts.length - 1] : undefined;
  if (i >= 0 && i < parts.length - 1 && !['pay', 'status', 'separate', 'index.html', 'status.html'].includes(last)) {
    try { return decodeURIComponent(last); } catch (e) { return undefined; }
  }
  return new URLSearchParams(location.search).get('order_id') || undefined;
}

// Starts one template-API call; the app takes it over (by endpoint and body) when the wasm runs.
const prefetched = {};
function prefetch(name, body) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 8000);
  const promise = fetch('/api/order/' + name + '?_time=' + Date.now(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body,
    signal: abort.signal,
  }).then(async (r) => ({ status: r.status, text: await r.text(), date: r.headers.get('date') }))
    .finally(() => clearTimeout(timer));
  promise.catch(() => {}); // the app reports failures; no unhandled rejection here
  prefetched[name] = { body, promise, abort };
  return promise;
}

// Info first; the moment it says "pending", qrcode, status and audio go out together (the same
// calls, in the same order of rules, that the app's state machine makes).
function prefetchOrder() {
  const base = root && root.getAttribute('data-api-base');
  const id = orderId();
  if (!id || (base && rendered(base))) return;
  window.__paypagePrefetch = prefetched;
  prefetch('info', JSON.stringify({ order_id: id })).then(({ text }) => {
    let data;
    try { data = JSON.parse(text); } catch (e) { return; }
    const d = data && Number(data.code) === 200 && data.data;
    // Once the app has taken the info call over, it makes the next calls itself.
    if (!d || Number(d.status) !== 1 || !prefetched.info) return;
    const qrId = typeof d.order_id === 'string' && d.order_id.trim() ? d.order_id.trim() : id;
    prefetch('qrcode', JSON.stringify({ order_id: qrId }));
    prefetch('status', JSON.stringify({ order_id: id }));
    const audioOff = (root && root.getAttribute('data-audio') === 'off') || root.getAttribute('data-page') === 'status';
    if (!audioOff && !['0', 'false'].includes(String(d.audio_enable))) prefetch('audio', JSON.stringify({ order_id: id }));
  }, () => {});
}

function bootFailed(error) {
  console.error('paypage: failed to start', error);
  if (root) {
    root.setAttribute('data-boot-error', 'true');
    const p = document.createElement('p');
    p.className = 'pp-boot-error';
    p.setAttribute('role', 'alert');
    p.textContent = '页面加载失败,请刷新重试。 The page failed to load; please reload.';
    root.appendChild(p);
  }
}

// The API calls go out first; the app's JS (modulepreloaded by the page) is imported after, so
// waiting for it never delays them.
prefetchOrder();
import('./paypage.js')
  .then((m) => m.default({ module_or_path: new URL('paypage_bg.wasm', import.meta.url) }))
  .catch(bootFailed);
