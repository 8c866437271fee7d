// paypage's boot script, inline in <head> (`cargo xtask theme` minifies it and writes its CSP
// hash): it sends /api/order/info while the HTML is still parsed, then the calls the app would
// send, and on the pay page paints the server's code (firstpaint.wasm decides) before the app
// runs; the app adopts the calls (window.__paypagePrefetch) and takes the screen over.
// Every rule below is a twin of a function in crates/core/src/boot/ (same name in snake case),
// where its documentation is; fixtures/cases/boot.json holds each, row by row, natively and
// against this script minified. Classic, not a module (an inline module waits for the
// stylesheet); no dollar-brace anywhere (XArr's template engine parses every one), no BigInt.
(function () {
'use strict';

// Rust's `char::is_whitespace`, spelled out: \p{...} is missing in older WebViews.
const WS = '\\u0009-\\u000d\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const TRIM = new RegExp('^[' + WS + ']+|[' + WS + ']+$', 'g');
const URL_ENDS = new RegExp('^[\\u0000-\\u0020' + WS + ']+|[\\u0000-\\u0020' + WS + ']+$', 'g');
const BAD_ID = new RegExp('[\\u0000-\\u001f\\u007f-\\u009f' + WS + '/\\\\"\'<>`&?#%]');
const ROUTE_WORDS = ['pay', 'status', 'separate', 'index.html', 'status.html'];
const QR_KEYS = ['type', 'qrcode', 'qrcode_data', 'scheme'];
// Read, but maybe not as the core reads it (a number beyond 2^53): the app decides.
const UNSURE = {};
// A template action's opening, built at run time: the text of this script never holds one.
const ACTION = String.fromCharCode(36, 123);

const trim = (s) => s.replace(TRIM, '');
const rendered = (v) => typeof v === 'string' && trim(v) !== '' && v.indexOf(ACTION) === -1;
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o, k) => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
const lower = (s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

function validId(raw) {
  const id = trim(raw);
  return id === '' || new TextEncoder().encode(id).length > 128 || BAD_ID.test(id) ? undefined : id;
}

/** core::order_ref::percent_decode: `+` is a space; invalid escapes stay. */
function percentDecode(s) {
  const bytes = new TextEncoder().encode(s);
  const out = [];
  for (let i = 0; i < bytes.length; i += 1) {
    const hex = String.fromCharCode(bytes[i + 1], bytes[i + 2]);
    if (bytes[i] === 0x2b) out.push(0x20);
    else if (bytes[i] === 0x25 && i + 2 < bytes.length && /^[0-9a-fA-F]{2}$/.test(hex)) { out.push(parseInt(hex, 16)); i += 2; } else out.push(bytes[i]);
  }
  return new TextDecoder('utf-8').decode(new Uint8Array(out));
}

function parseQuery(query) {
  return query.replace(/^\?+/, '').split('&').filter((p) => p !== '').map((pair) => {
    const at = pair.indexOf('=');
    return at < 0 ? [percentDecode(pair), ''] : [percentDecode(pair.slice(0, at)), percentDecode(pair.slice(at + 1))];
  });
}

/** Rust's `i64::from_str`, as a canonical decimal string (no BigInt). */
function i64(t) {
  const m = /^([+-]?)([0-9]+)$/.exec(t);
  if (!m) return undefined;
  const digits = m[2].replace(/^0+(?=[0-9])/, '');
  const limit = m[1] === '-' ? '9223372036854775808' : '9223372036854775807';
  if (digits.length > limit.length || (digits.length === limit.length && digits > limit)) return undefined;
  return (m[1] === '-' && digits !== '0' ? '-' : '') + digits;
}

/** core::boot::parse_yuan. */
function parseYuan(v) {
  const m = /^([0-9]+)(?:\.([0-9]{1,2}))?$/.exec(trim(v));
  return m ? i64(m[1] + (m[2] === undefined ? '00' : (m[2] + '0').slice(0, 2))) : undefined;
}

/** core::boot::order_body. */
function orderBody(injected, path, query) {
  const idBody = (id) => JSON.stringify({ order_id: id });
  const injectedId = rendered(injected) && validId(injected);
  if (injectedId) return idBody(injectedId);
  const segments = path.split('/').filter((s) => s !== '');
  const pos = segments.indexOf('pay');
  const last = segments[segments.length - 1];
  const pathId = pos >= 0 && pos < segments.length - 1 && ROUTE_WORDS.indexOf(last) < 0 && validId(percentDecode(last));
  if (pathId) return idBody(pathId);
  const params = parseQuery(query);
  const get = (key) => { const p = params.find(([k]) => k === key); return p ? p[1] : undefined; };
  const id = get('order_id') !== undefined ? validId(get('order_id')) : undefined;
  if (id) return idBody(id);
  const out = get('out_order_id') !== undefined ? validId(get('out_order_id')) : undefined;
  const pid = out && get('pid') !== undefined ? i64(trim(get('pid'))) : undefined;
  return pid === undefined ? undefined : '{"out_order_id":' + JSON.stringify(out) + ',"pid":' + pid + '}';
}

/** A whole number as core::json reads it, as a string; UNSURE beyond 2^53. */
function wholeNumber(v) {
  if (typeof v !== 'number' || !Number.isFinite(v) || Math.trunc(v) !== v) return undefined;
  return Math.abs(v) <= Number.MAX_SAFE_INTEGER ? String(v === 0 ? 0 : v) : UNSURE;
}

/** core::wire::int. */
function int(v) {
  if (typeof v === 'number') return wholeNumber(v);
  if (typeof v !== 'string') return undefined;
  const t = trim(v);
  const n = t === '' ? undefined : i64(t);
  const dot = t.indexOf('.');
  if (n !== undefined || t === '' || dot < 0 || !/^0*$/.test(t.slice(dot + 1))) return n;
  const head = t.slice(0, dot);
  if (head === '' || head === '-' || head === '+') return t.length > dot + 1 ? '0' : undefined;
  return i64(head);
}

/** core::wire::text. */
function text(v) {
  if (typeof v === 'string') { const t = trim(v); return t === '' ? undefined : t; }
  return wholeNumber(v);
}

/** core::wire::flag. */
function flag(v) {
  if (typeof v === 'boolean') return v;
  const n = int(v);
  return n === undefined || n === UNSURE ? n : n !== '0';
}

/** core::wire::fen: null when absent, the amount, or false when unreadable. */
function fen(v) {
  if (v === undefined || v === null || (typeof v === 'string' && trim(v) === '')) return null;
  if (typeof v === 'string') return /^[0-9]+$/.test(trim(v)) && i64(trim(v)) !== undefined ? i64(trim(v)) : false;
  const n = wholeNumber(v);
  return n === UNSURE ? n : n !== undefined && n[0] !== '-' ? n : false;
}

/** core::boot::answers::answer_data: the one reader of the envelope. */
function answerData(answer) {
  let env;
  try { env = JSON.parse(answer); } catch (e) { return undefined; }
  if (!isObject(env) || int(own(env, 'code')) !== '200' || text(own(env, 'redirect')) !== undefined) return undefined;
  const d = own(env, 'data');
  return isObject(d) ? d : undefined;
}

/** core::boot::answer_texts. */
function answerTexts(answer, keys) {
  const d = answerData(answer);
  return d && keys.map((k) => { const v = text(own(d, k)); return v === undefined || v === UNSURE ? '' : v; });
}

/** core::boot::amount_to_pay. */
function amountToPay(info) {
  const d = answerData(info);
  const trade = d && fen(own(d, 'trade_amount'));
  const v = trade !== null ? trade : fen(own(d, 'amount'));
  return typeof v === 'string' ? v : undefined;
}

/** core::boot::display_id. */
function displayId(pageBody) {
  let b;
  try { b = JSON.parse(pageBody); } catch (e) { return undefined; }
  const id = isObject(b) && (typeof b.order_id === 'string' ? b.order_id : b.out_order_id);
  return typeof id === 'string' && (typeof b.order_id === 'string' || typeof b.pid === 'number') ? id : undefined;
}

/** core::boot::next_calls: `{ qrcode, status, audio }` bodies of the calls to send. */
function nextCalls(info, pageBody, audio, kind, amountText) {
  const d = answerData(info);
  if (!d || int(own(d, 'status')) !== '1') return {};
  const amount = fen(own(d, 'amount'));
  const trade = fen(own(d, 'trade_amount'));
  const infoId = text(own(d, 'order_id'));
  const enabled = flag(own(d, 'audio_enable'));
  if ([amount, trade, infoId, enabled].indexOf(UNSURE) !== -1 || [own(d, 'status'), own(d, 'expire_time')].some((v) => int(v) === UNSURE)) return {};
  if (amount === false || trade === false || (trade === null && amount === null) || int(own(d, 'expire_time')) === undefined) return {};
  const pageAmount = rendered(amountText) ? parseYuan(amountText) : undefined;
  if (kind === 'separate' || (pageAmount !== undefined && pageAmount !== (trade !== null ? trade : amount))) return {};
  const payType = own(d, 'pay_type');
  if ((payType === null || (typeof payType === 'string' && trim(payType) === '')) && kind !== 'status') return {};
  const calls = { status: pageBody };
  if (kind !== 'status') {
    const page = JSON.parse(pageBody);
    if (infoId !== undefined) calls.qrcode = JSON.stringify({ order_id: infoId });
    else if (typeof page.order_id === 'string') calls.qrcode = pageBody;
    if (audio && enabled !== false) calls.audio = pageBody;
  }
  return calls;
}

/** core::boot::request_timeout. */
function requestTimeout(value) {
  const t = typeof value === 'string' ? trim(value) : '';
  const n = /^\+?[0-9]+$/.test(t) ? Number(t) : NaN;
  return n >= 500 && n <= 600000 ? n : 8000;
}

/** core::boot::audio_on. */
const audioOn = (value) => !(typeof value === 'string' && trim(value) === 'off');

/** core::boot::stylesheet. */
function stylesheet(value) {
  const name = typeof value === 'string' ? trim(value) : '';
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,59}\.css$/.test(name) && name.indexOf('..') === -1 ? name : undefined;
}

/** core::url_policy's clean: the ends' controls and spaces off, tabs and newlines out; null for another control or invisible character. */
function cleanUrl(raw) {
  const url = raw.replace(URL_ENDS, '').replace(/[\t\n\r]/g, '');
  return /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/.test(url) ? null : url;
}

/** core::boot::api_elsewhere. */
function apiElsewhere(value) {
  if (!rendered(value)) return false;
  const v = trim(value);
  const url = cleanUrl(v);
  if (v.indexOf('&') !== -1) return true;
  if (url === null || url === '' || /[?#]/.test(v)) return false;
  const colon = url.indexOf(':');
  const head = colon < 0 ? '' : url.slice(0, colon);
  if (colon >= 0 && !/[/\\?#]/.test(head) && ['http', 'https'].indexOf(lower(head).replace(new RegExp('[' + WS + ']', 'g'), '')) < 0) return false;
  return v.replace(/\/+$/, '') !== '';
}

/** core::i18n::Locale::from_tag. */
function localeOf(tag) {
  const t = typeof tag === 'string' ? lower(trim(tag)).replace(/_/g, '-') : '';
  if (t.indexOf('zh') === 0) return ['-tw', '-hk', '-mo', '-hant'].some((x) => t.indexOf(x) !== -1) ? 'zh-TW' : 'zh-CN';
  return t === 'en' || t.indexOf('en-') === 0 ? 'en' : undefined;
}

/** core::boot::choose_locale. */
function chooseLocale(query, configured, languages) {
  const q = parseQuery(query).filter((p) => p[0] === 'lang')[0];
  const conf = rendered(configured) ? localeOf(configured) : undefined;
  let browser;
  for (let i = 0; i < languages.length && !browser; i += 1) browser = localeOf(languages[i]);
  return (q && localeOf(q[1])) || conf || browser || 'zh-CN';
}

/** core::boot::merchant_text. */
function merchantText(json, locale, key) {
  let v;
  try { v = rendered(json) ? JSON.parse(trim(json)) : undefined; } catch (e) { return undefined; }
  if (!isObject(v)) return undefined;
  const usable = (t) => typeof t === 'string' && trim(t) !== '';
  let found;
  for (const name of Object.keys(v)) {
    const loc = localeOf(name);
    if (loc === undefined && name === key && usable(v[name])) found = v[name];
    else if (loc === locale && isObject(v[name]) && usable(own(v[name], key))) found = v[name][key];
  }
  return found;
}

const NO_WASM_KEYS = ['no_wasm_pay_code', 'no_wasm_open_elsewhere'];
/** core::boot::first_screen_own: `words` (the packaged words of `locale`) are the app's. */
function firstScreenOwn(words, texts, locale) {
  return isObject(words) && Object.keys(words).every((k) => NO_WASM_KEYS.indexOf(k) !== -1 || [undefined, words[k]].indexOf(merchantText(texts, locale, k)) !== -1);
}

/** core::boot::inline_picture. */
function inlinePicture(type, qrcode, qrcodeData) {
  const v = [qrcodeData, qrcode].filter((f) => typeof f === 'string' && /^data:image\//i.test(trim(f)))[0];
  const url = trim(type) === 'jump' || v === undefined ? null : cleanUrl(trim(v));
  return url !== null && url.indexOf('&') < 0 && /^data:image\/(png|jpeg|jpg|gif|webp|bmp)[;,]/i.test(url) ? url : null;
}

/** core::boot::yuan_text of a canonical fen string. */
function yuanText(fenText) {
  const neg = fenText[0] === '-';
  const digits = ('00' + (neg ? fenText.slice(1) : fenText)).replace(/^0+(?=[0-9]{3})/, '');
  return (neg ? '-¥' : '¥') + digits.slice(0, -2) + '.' + digits.slice(-2);
}

/** core::i18n::fill. */
function fill(template, values) {
  let out = template;
  for (const name in values) out = out.split('{' + name + '}').join(values[name]);
  return out;
}

/** core::boot::html_arrival. */
function htmlArrival(timing, now) {
  const at = timing && timing.responseStart;
  const from = timing && timing.navigationStart;
  return typeof at === 'number' && at > 0 && at <= now && now - at < 3600000 && !(from > at) ? at : now;
}

const byId = (id) => document.getElementById(id);
/** Hides (or shows) the element `id` when the page has it. */
const hide = (id, hidden) => { const e = byId(id); if (e) e.hidden = hidden !== false; return e; };

function ready(f) {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', f);
  else f();
}

/** firstpaint.wasm's decision (raw exports): the seven fields of fixtures/cases/first_paint.json in, `{ picture, link, app }` out. */
function askFirstPaint(exports, fields) {
  const text = fields.map((f) => (f === null || f === undefined ? '' : String(f)));
  if (text.join('').indexOf('\u0000') !== -1) return null;
  const bytes = new TextEncoder().encode(text.join('\u0000'));
  const at = exports.fp_alloc(bytes.length) >>> 0;
  new Uint8Array(exports.memory.buffer, at, bytes.length).set(bytes);
  const out = exports.fp_paint(at, bytes.length) >>> 0;
  // Read after the call: the memory may have grown, and an old buffer is detached.
  const view = new DataView(exports.memory.buffer);
  const read = (i) => {
    const len = view.getUint32(out + 8 * i + 4, true);
    return len ? new TextDecoder('utf-8').decode(new Uint8Array(exports.memory.buffer, view.getUint32(out + 8 * i, true), len)) : null;
  };
  return { picture: read(0), link: read(1), app: read(2) };
}

function start() {
  // The clock's anchor (the app pairs the injected server time with it).
  const perf = typeof performance === 'object' && performance ? performance.timing : undefined;
  window.__paypageBoot = { htmlAt: htmlArrival(perf, Date.now()) };
  // What the page needs before its body exists: the <meta name="paypage"> above this script.
  const meta = document.querySelector('meta[name="paypage"]');
  if (!meta) return;
  const head = (name) => meta.getAttribute(name);
  const assets = head('data-assets') || '';
  const asset = (name, plain) => assets + (head(name) || plain);
  const kind = head('data-page');
  const root = () => byId('paypage');
  // Without WebAssembly (iOS Lockdown Mode, old WebViews) no app: noWasm below.
  const wasm = typeof WebAssembly === 'object' && WebAssembly !== null && typeof WebAssembly.instantiate === 'function';
  // Without AbortController (iOS < 12.1) a call's timeout only stops waiting.
  const aborts = typeof AbortController === 'function' && typeof AbortSignal === 'function';

  // The first screen's words in the app's language (core::boot::packaged_words, in <meta
  // data-words>); hidden until the app when they are not the app's (core::boot's module docs).
  const attr = (name) => { const r = root(); return r ? r.getAttribute(name) : null; };
  let locale = 'zh-CN';
  let words = null;
  let wordsOwn = false;
  const word = (key) => {
    const theirs = merchantText(attr('data-texts'), locale, key);
    return theirs !== undefined ? theirs : words && typeof words[key] === 'string' ? words[key] : undefined;
  };
  ready(() => {
    const nav = navigator.languages && navigator.languages.length ? navigator.languages : navigator.language ? [navigator.language] : [];
    locale = chooseLocale(location.search, attr('data-lang'), nav);
    try { words = own(JSON.parse(head('data-words') || ''), locale); } catch (e) { words = null; }
    if (!isObject(words)) words = null;
    const texts = attr('data-texts');
    // (Trunk's own output has no packaged words: its zh-CN words are as written.)
    if (!words && locale === 'zh-CN' && !rendered(texts)) { wordsOwn = true; return; }
    wordsOwn = firstScreenOwn(words, texts, locale);
    // Without the app (no WebAssembly) the merchant's texts are the words to show.
    if (words && (wordsOwn || !wasm)) {
      const all = document.querySelectorAll('[data-t]');
      const app = word('app_other') || '';
      for (let i = 0; i < all.length; i += 1) {
        const t = word(all[i].getAttribute('data-t'));
        if (t !== undefined) all[i].textContent = fill(t, { app: app });
      }
      document.documentElement.setAttribute('lang', locale);
    } else if (wasm) {
      wordsOwn = false;
      const screen = document.querySelector('#paypage > .pp-root');
      if (screen) screen.style.visibility = 'hidden';
    }
  });

  // The first screen is laid out once info's answer has sent the next calls (at most HOLD_MS):
  // its first layout (150-220 ms on the phone preset) would otherwise hold the qrcode call back.
  const HOLD_MS = 400;
  let held = 0;
  function hold() {
    document.documentElement.classList.add('pp-hold');
    held = setTimeout(release, HOLD_MS);
  }
  function release() {
    if (!held) return;
    clearTimeout(held);
    held = 0;
    ready(() => document.documentElement.classList.remove('pp-hold'));
  }

  // The app's JS and wasm: downloaded once info has left (`loadApp`), started after the first paint.
  let appWasm = null;
  function loadApp() {
    if (appWasm || !wasm) return;
    appWasm = fetch(asset('data-app-wasm', 'paypage_bg.wasm'));
    appWasm.catch(() => {});
    const preload = document.createElement('link');
    preload.rel = 'modulepreload';
    preload.href = asset('data-app-js', 'paypage.js');
    document.head.appendChild(preload);
  }
  let appStarted = false;
  function startApp() {
    if (!wasm) return;
    if (appStarted) return;
    appStarted = true;
    release();
    loadApp();
    const dom = new Promise((resolve) => ready(resolve));
    Promise.all([import(asset('data-app-js', 'paypage.js')), dom])
      .then((r) => r[0].default({ module_or_path: appWasm }))
      .catch(bootFailed);
  }

  function bootFailed(error) {
    console.error('paypage: failed to start', error);
    const r = root();
    if (r) {
      r.setAttribute('data-boot-error', 'true');
      const p = document.createElement('p');
      p.className = 'pp-boot-error';
      p.setAttribute('role', 'alert');
      p.textContent = '页面加载失败,请刷新重试。 The page failed to load; please reload.';
      r.appendChild(p);
    }
  }

  // Starts one template-API call; the app takes it over (by endpoint and body) when it runs.
  const prefetched = {};
  let timeout = 8000;
  // Each call's stop: its abort, else its promise rejected with a TimeoutError.
  const stops = {};
  function prefetch(name, body) {
    const abort = aborts ? new AbortController() : null;
    const call = { body: body, abort: abort, started: Date.now(), timer: 0 };
    let giveUp = null;
    const gaveUp = new Promise((resolve, reject) => {
      giveUp = () => {
        const e = new Error('paypage: the early ' + name + ' call timed out');
        e.name = 'TimeoutError';
        reject(e);
      };
    });
    stops[name] = () => (abort ? abort.abort() : giveUp());
    call.timer = setTimeout(stops[name], timeout);
    const init = {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body,
    };
    if (abort) init.signal = abort.signal;
    const done = () => clearTimeout(call.timer);
    // `at`: when the headers arrived (the app's clock pairs the Date header with it).
    const fetched = fetch('/api/order/' + name + '?_time=' + Date.now(), init)
      .then((r) => { const at = Date.now(); return r.text().then((t) => ({ status: r.status, text: t, date: r.headers.get('date'), at: at })); });
    // (No Promise.prototype.finally: older engines lack it.)
    call.promise = (abort ? fetched : Promise.race([fetched, gaveUp]))
      .then((v) => { done(); return v; }, (e) => { done(); throw e; });
    call.promise.catch(() => {}); // the app reports failures; no unhandled rejection here
    gaveUp.catch(() => {});
    prefetched[name] = call;
    return call.promise;
  }

  const body = orderBody(head('data-order-id'), location.pathname, location.search);
  hold();
  if (body) tapsRecorded(body);
  if (!body) {
    if (wasm) startApp();
    else noWasm(null);
  } else if (!wasm) {
    // No app: info and qrcode by the same rules, then the server's picture and what to do.
    prefetch('info', body)
      .then(({ text: answer }) => new Promise((resolve) => ready(() => resolve(answer))))
      .then((answer) => {
        const calls = nextCalls(answer, body, false, kind, head('data-amount'));
        if (!calls.qrcode) return null;
        return prefetch('qrcode', calls.qrcode).then((r) => {
          const fields = r.status === 200 ? answerTexts(r.text, QR_KEYS) : undefined;
          const picture = fields && inlinePicture(fields[0], fields[1], fields[2]);
          return typeof picture === 'string' ? { picture: picture, amount: amountToPay(answer) } : null;
        });
      })
      .catch(() => null)
      .then(noWasm);
  } else {
    if (kind !== 'pay') release();
    window.__paypagePrefetch = prefetched;
    const info = prefetch('info', body);
    // On the pay page the first paint's module comes beside info: a few KB, no glue.
    const painter = kind === 'pay'
      ? fetch(asset('data-first-paint', 'firstpaint.wasm'))
        .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error('firstpaint.wasm: ' + r.status))))
        .then((b) => WebAssembly.instantiate(b, {}))
        .then((m) => m.instance.exports)
      : Promise.reject(new Error('no first paint here'));
    painter.catch(() => {});
    if (kind === 'pay') loadApp();
    let cancelled = false;
    if (kind !== 'pay') startApp();
    // Once the body is parsed: #paypage's data-api-base (core::boot::api_elsewhere) and timeout.
    const elsewhere = () => {
      if (!cancelled && apiElsewhere(attr('data-api-base'))) {
        cancelled = true;
        for (const name in prefetched) if (prefetched[name].abort) prefetched[name].abort.abort();
        window.__paypagePrefetch = undefined;
        startApp();
      }
      return cancelled;
    };
    ready(() => {
      if (elsewhere()) return;
      timeout = requestTimeout(attr('data-request-timeout-ms'));
      for (const name in prefetched) {
        const call = prefetched[name];
        clearTimeout(call.timer);
        call.timer = setTimeout(stops[name], Math.max(0, call.started + timeout - Date.now()));
      }
    });
    // Info first, then the calls the app would send (core::boot::next_calls), then the app.
    info.then(({ text: answer }) => new Promise((resolve) => ready(() => resolve(answer))))
      .then((answer) => {
        // Once the app has taken the info call over, it makes the next calls itself.
        const calls = !elsewhere() && prefetched.info
          ? nextCalls(answer, body, audioOn(attr('data-audio')), kind, head('data-amount'))
          : {};
        for (const name of ['qrcode', 'status', 'audio']) {
          if (calls[name]) prefetch(name, calls[name]);
        }
        // The next calls are out: the screen may be laid out now, while they travel.
        release();
        if (!calls.qrcode || !prefetched.qrcode || !wordsOwn) {
          startApp();
          return;
        }
        loadApp();
        // The first paint waits for the code at most this long before the app is fetched anyway.
        const late = setTimeout(startApp, 1500);
        Promise.all([prefetched.qrcode.promise, painter])
          .then((r) => {
            if (cancelled) return;
            const fields = r[0].status === 200 ? answerTexts(r[0].text, QR_KEYS) : undefined;
            const paint = fields && askFirstPaint(r[1], [navigator.userAgent, (answerTexts(answer, ['pay_type']) || [''])[0], attr('data-app-schemes') || ''].concat(fields));
            return paint && paint.picture && !cancelled ? afterPaint(paintFirst(paint, amountToPay(answer))) : undefined;
          })
          .catch(() => {})
          .then(() => { clearTimeout(late); startApp(); });
      }, () => startApp())
      // Whatever went wrong above, the app still starts.
      .catch(() => startApp());
  }

  // Once a frame has shown the painted code (the app's start must not land before it); at once
  // in a hidden tab; the 1.5 s `late` timer is the backstop.
  function afterPaint(img) {
    if (document.hidden || !img) return Promise.resolve();
    const decoded = img.decode ? img.decode().catch(() => {}) : Promise.resolve();
    return decoded.then(() => new Promise((resolve) => {
      requestAnimationFrame(() => setTimeout(resolve, 0));
    }));
  }

  // Shows the code (and the link) in the pre-rendered screen; returns the image, if any.
  function paintFirst(paint, amount) {
    const box = byId('pp-first');
    const img = byId('pp-first-qr');
    if (!box || !img) return null;
    img.src = paint.picture;
    // The words beside the code name the app the app's QR panel names (the module's choice).
    const app = (paint.app && word(paint.app)) || word('app_other') || '';
    const alt = word('qr_alt');
    if (alt !== undefined && amount !== undefined) img.alt = fill(alt, { app: app, amount: yuanText(amount) });
    const named = box.querySelectorAll('[data-t="scan_with"], [data-t="open_app"]');
    for (let i = 0; i < named.length; i += 1) {
      const t = word(named[i].getAttribute('data-t'));
      if (t !== undefined) named[i].textContent = fill(t, { app: app });
    }
    const link = paint.link && hide('pp-first-open-app', false);
    if (link) link.href = paint.link;
    hide('pp-boot-loading');
    hide('pp-first-countdown', false);
    box.hidden = false;
    box.setAttribute('data-painted', paint.link ? 'code link' : 'code');
    // The screen is no longer "loading" for assistive technology: the code is there.
    const screen = box.parentNode;
    if (screen && screen.getAttribute('aria-busy')) screen.setAttribute('aria-busy', 'false');
    window.__paypageFirstPaint = { picture: paint.picture, link: paint.link };
    return img;
  }

  // Without WebAssembly: the server's picture (`shown`: `{ picture, amount }`, else null) and
  // what the customer can do; the app never starts.
  function noWasm(shown) {
    ready(() => {
      release();
      hide('pp-boot-loading');
      const message = hide('pp-no-wasm', false);
      const t = word(shown ? 'no_wasm_pay_code' : 'no_wasm_open_elsewhere');
      if (message && t !== undefined) message.textContent = t;
      const box = byId('pp-first');
      const img = byId('pp-first-qr');
      if (shown && box && img) {
        img.src = shown.picture;
        const alt = word('qr_alt');
        if (alt !== undefined && shown.amount !== undefined) img.alt = fill(alt, { app: word('app_other') || '', amount: yuanText(shown.amount) });
        // Which app scans it is the app's decision (firstpaint.wasm): the message says what to do.
        const hint = box.querySelector('.pp-scan-hint');
        if (hint) hint.hidden = true;
        box.hidden = false;
        box.setAttribute('data-painted', 'code');
      }
      const screen = byId('pp-first-screen');
      if (screen) screen.setAttribute('aria-busy', 'false');
      const r = root();
      if (r) r.setAttribute('data-no-wasm', shown ? 'code' : 'message');
    });
  }

  // A tap on the first paint's app link is the customer's own opening of the app for this order
  // in this tab (sessionStorage `paypage-app-opened:<display id>`, dom::env::take_app_open).
  function tapsRecorded(pageBody) {
    const id = displayId(pageBody);
    if (id !== undefined) ready(() => {
      const link = byId('pp-first-open-app');
      if (link) link.addEventListener('click', () => { try { window.sessionStorage.setItem('paypage-app-opened:' + id, '1'); } catch (e) { /* refused */ } });
    });
  }

  ready(() => {
    // Outside XArr the pre-rendered values still hold the raw template text: hide them.
    const all = document.querySelectorAll('.pp-boot-only');
    for (let i = 0; i < all.length; i += 1) {
      if (all[i].textContent.indexOf(ACTION) !== -1) all[i].hidden = true;
    }
    // The merchant's own stylesheet (core::boot::stylesheet), after the theme's: its rules win.
    const css = stylesheet(attr('data-stylesheet'));
    if (css) {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = assets + css;
      document.head.appendChild(link);
    }
  });
}

// When start() itself failed: the app still starts where WebAssembly is, else the page says what
// the customer can do; never "loading" for ever.
function fallback() {
  const meta = document.querySelector('meta[name="paypage"]');
  // The app's files by the names packaging gave them (content-hashed), else the plain ones.
  const file = (name, plain) => ((meta && meta.getAttribute('data-assets')) || '') + ((meta && meta.getAttribute(name)) || plain);
  if (typeof WebAssembly === 'object' && WebAssembly !== null) {
    import(file('data-app-js', 'paypage.js'))
      .then((m) => m.default({ module_or_path: file('data-app-wasm', 'paypage_bg.wasm') }))
      .catch((e) => console.warn('paypage: failed to start', e));
    return;
  }
  ready(() => { hide('pp-boot-loading'); hide('pp-no-wasm', false); });
}

if (typeof document !== 'undefined') {
  try {
    start();
  } catch (e) {
    document.documentElement.classList.remove('pp-hold');
    console.warn('paypage: the boot script could not start; falling back', e);
    fallback();
  }
}
// Node (the rule tests) reads the rules.
else globalThis.__paypageBootRules = { orderBody, displayId, nextCalls, parseYuan, yuanText, fill, amountToPay, answerTexts, inlinePicture, stylesheet, requestTimeout, audioOn, apiElsewhere, chooseLocale, merchantText, firstScreenOwn, htmlArrival, askFirstPaint };
})();
