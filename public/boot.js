// paypage's boot script: the first thing the page runs. XArr renders it inline in <head>, before
// the stylesheet (`cargo xtask theme` puts the minified text there and writes down its sha256 for
// a strict Content-Security-Policy), so `/api/order/info` leaves while the HTML is still being
// parsed. Then, on the pay page of a pending order, `/api/order/qrcode` follows, and the moment it
// answers the first paint shows the code and, on phones, the "open the app" link, before the app
// runs: what to paint is decided in Rust, by the core's `first_paint`, in a small module of its own
// (firstpaint.wasm, fetched beside info). The app's JS and wasm download from head parse, after
// info has left, and start only after that paint (or at once, when there is nothing to paint); the
// app adopts the calls and their answers (window.__paypagePrefetch) and takes the screen over
// without a change.
//
// Classic, not a module: an inline module script waits for the stylesheet. No dollar-brace
// anywhere in it (XArr's template engine parses every one, and a minifier could fold two strings
// into one: the packaging check reads the final text).
//
// The rules below are the core's (core::order_ref, core::wire, core::model, core::money,
// core::machine), so the early calls are exactly the calls the app would send, with the same
// bodies: none after info that is not pending, or disagrees with the amount rendered into the page
// (data-amount), or has no pay type (the cashier flow: the pay page leaves for the separate page);
// no qrcode or audio on the status page (data-page="status"); on the separate page
// (data-page="separate") info alone. Both are held to one table, fixtures/cases/boot.json
// (crates/core/tests/core/boot_cases.rs and e2e/tests/boot_rules.test.js). What this script cannot
// decide the same way it leaves to the app: it then sends nothing early.
(function () {
'use strict';

// Rust's `char::is_whitespace` (Unicode White_Space) and `char::is_control` (Cc), spelled out:
// property escapes (\p{...}) are missing in older iOS WebViews.
const WS = '\\u0009-\\u000d\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const TRIM = new RegExp('^[' + WS + ']+|[' + WS + ']+$', 'g');
const BAD_ID = new RegExp('[\\u0000-\\u001f\\u007f-\\u009f' + WS + '/\\\\"\'<>`&?#%]');
const ROUTE_WORDS = ['pay', 'status', 'separate', 'index.html', 'status.html'];
// Numbers are compared as canonical decimal strings: no BigInt (older WebViews lack it, and a
// BigInt literal would stop the whole module from parsing).
const I64_MAX = '9223372036854775807';
// Decided, but not the same way the core would: the app decides.
const UNSURE = {};

// A template action's opening, built at run time: the text of this script never holds one.
const ACTION = String.fromCharCode(36, 123);

const trim = (s) => s.replace(TRIM, '');

/** A value the host rendered: not blank and not a template action left verbatim. */
const rendered = (v) => typeof v === 'string' && trim(v) !== '' && v.indexOf(ACTION) === -1;

function validId(raw) {
  const id = trim(raw);
  if (id === '' || new TextEncoder().encode(id).length > 128 || BAD_ID.test(id)) return undefined;
  return id;
}

/** Percent-decoding with `+` as space; invalid escapes stay, invalid UTF-8 is replaced. */
function percentDecode(s) {
  const bytes = new TextEncoder().encode(s);
  const out = [];
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    if (b === 0x2b) { out.push(0x20); i += 1; continue; }
    if (b === 0x25 && i + 2 < bytes.length && /^[0-9a-fA-F]{2}$/.test(String.fromCharCode(bytes[i + 1], bytes[i + 2]))) {
      out.push(parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16));
      i += 3;
      continue;
    }
    out.push(b);
    i += 1;
  }
  return new TextDecoder('utf-8').decode(new Uint8Array(out));
}

function parseQuery(query) {
  return query.replace(/^\?+/, '').split('&').filter((p) => p !== '').map((pair) => {
    const at = pair.indexOf('=');
    return at < 0 ? [percentDecode(pair), ''] : [percentDecode(pair.slice(0, at)), percentDecode(pair.slice(at + 1))];
  });
}

/** Rust's `i64::from_str`: an optional sign and digits, in range; as a canonical string. */
function i64(t) {
  const m = /^([+-]?)([0-9]+)$/.exec(t);
  if (!m) return undefined;
  const digits = m[2].replace(/^0+(?=[0-9])/, '');
  const limit = m[1] === '-' ? '9223372036854775808' : I64_MAX;
  if (digits.length > limit.length || (digits.length === limit.length && digits > limit)) return undefined;
  return (m[1] === '-' && digits !== '0' ? '-' : '') + digits;
}

/**
 * core::money::parse_yuan: the yuan text the server rendered into the page ("10.00") as fen, a
 * canonical string: digits, optionally a point and one or two decimals, within i64; else
 * undefined. Never through a double, which would round large amounts.
 */
function parseYuan(v) {
  const m = /^([0-9]+)(?:\.([0-9]{1,2}))?$/.exec(trim(v));
  if (!m) return undefined;
  return i64(m[1] + (m[2] === undefined ? '00' : (m[2] + '0').slice(0, 2)));
}

/**
 * The order's request body (`{"order_id":…}` or `{"out_order_id":…,"pid":…}`): the injected id,
 * else `/pay/<id>`, else `?order_id=`, else `?out_order_id=&pid=` (core::order_ref).
 */
function orderBody(injected, path, query) {
  const idBody = (id) => JSON.stringify({ order_id: id });
  if (rendered(injected)) {
    const id = validId(injected);
    if (id) return idBody(id);
  }
  const segments = path.split('/').filter((s) => s !== '');
  const pos = segments.indexOf('pay');
  if (pos >= 0 && pos < segments.length - 1) {
    const last = segments[segments.length - 1];
    if (!ROUTE_WORDS.includes(last)) {
      const id = validId(percentDecode(last));
      if (id) return idBody(id);
    }
  }
  const params = parseQuery(query);
  const get = (key) => { const p = params.find(([k]) => k === key); return p ? p[1] : undefined; };
  const id = get('order_id') !== undefined ? validId(get('order_id')) : undefined;
  if (id) return idBody(id);
  const out = get('out_order_id') !== undefined ? validId(get('out_order_id')) : undefined;
  const pid = out && get('pid') !== undefined ? i64(trim(get('pid'))) : undefined;
  if (pid === undefined) return undefined;
  return '{"out_order_id":' + JSON.stringify(out) + ',"pid":' + pid + '}';
}

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o, k) => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

/**
 * A whole number as JSON gives it (core::json::float_int), as a canonical string; UNSURE beyond
 * 2^53, where a double's digits and the core's can differ.
 */
function wholeNumber(v) {
  if (typeof v !== 'number' || !Number.isFinite(v) || Math.trunc(v) !== v) return undefined;
  return Math.abs(v) <= Number.MAX_SAFE_INTEGER ? String(v === 0 ? 0 : v) : UNSURE;
}

/** core::wire::int: an integer, an integral float, or a string holding one ("1", "1.0"). */
function int(v) {
  if (typeof v === 'number') return wholeNumber(v);
  if (typeof v !== 'string') return undefined;
  const t = trim(v);
  if (t === '') return undefined;
  const n = i64(t);
  if (n !== undefined) return n;
  const dot = t.indexOf('.');
  if (dot < 0 || !/^0*$/.test(t.slice(dot + 1))) return undefined;
  const head = t.slice(0, dot);
  if (head === '' || head === '-' || head === '+') return t.length > dot + 1 ? '0' : undefined;
  return i64(head);
}

/** core::wire::text: a non-blank string (trimmed), or an integer written out. */
function text(v) {
  if (typeof v === 'string') { const t = trim(v); return t === '' ? undefined : t; }
  return wholeNumber(v);
}

/** core::wire::flag: booleans, or integers (0 is off). */
function flag(v) {
  if (typeof v === 'boolean') return v;
  const n = int(v);
  return n === undefined || n === UNSURE ? n : n !== '0';
}

/** core::wire::fen: `null` when absent, the amount, or `false` when it cannot be read. */
function fen(v) {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') {
    const t = trim(v);
    if (t === '') return null;
    return /^[0-9]+$/.test(t) && i64(t) !== undefined ? i64(t) : false;
  }
  const n = wholeNumber(v);
  return n === UNSURE ? n : n !== undefined && n[0] !== '-' ? n : false;
}

/**
 * The calls that go out after the info answer (core::model::parse_info and the machine's rules):
 * `{ qrcode, status, audio }` bodies of the ones to send, `{}` for none, or `null` to leave the
 * decision to the app (an envelope redirect: the app follows it). `audio` is the page's audio
 * policy, `kind` its `data-page` (the status page asks for no QR and no audio), `amountText` its
 * `data-inject-amount`: when rendered and readable, info's amount to pay must be that amount.
 */
function nextCalls(infoText, pageBody, audio, kind, amountText) {
  let env;
  try { env = JSON.parse(infoText); } catch (e) { return {}; }
  if (!isObject(env)) return {};
  if (text(own(env, 'redirect')) !== undefined) return null;
  const code = int(own(env, 'code'));
  if (code === UNSURE) return null;
  if (code !== '200') return {};
  const d = own(env, 'data');
  if (!isObject(d)) return {};
  const status = int(own(d, 'status'));
  if (status === UNSURE) return null;
  if (status !== '1') return {};
  const amount = fen(own(d, 'amount'));
  const trade = fen(own(d, 'trade_amount'));
  const expire = int(own(d, 'expire_time'));
  const infoId = text(own(d, 'order_id'));
  const enabled = flag(own(d, 'audio_enable'));
  if ([amount, trade, expire, infoId, enabled].indexOf(UNSURE) !== -1) return null;
  if (amount === false || trade === false || (trade === null && amount === null)) return {};
  if (expire === undefined) return {};
  // Info that disagrees with the amount the server rendered into the page is unreadable.
  const pageAmount = rendered(amountText) ? parseYuan(amountText) : undefined;
  if (pageAmount !== undefined && pageAmount !== (trade !== null ? trade : amount)) return {};
  // The separate page (the cashier's choice of pay type) asks for the pay types, not for these:
  // that call is the app's.
  if (kind === 'separate') return {};
  // No pay type (info sent pay_type blank or null): the pay page goes to the separate page and
  // calls nothing else; the status page only reads the status.
  const payType = own(d, 'pay_type');
  const noPayType = payType === null || (typeof payType === 'string' && trim(payType) === '');
  if (noPayType && kind !== 'status') return {};
  const calls = { status: pageBody };
  // The status page shows the order's state: no QR (asking may reach the payment channel), no audio.
  if (kind !== 'status') {
    const page = JSON.parse(pageBody);
    if (infoId !== undefined) calls.qrcode = JSON.stringify({ order_id: infoId });
    else if (typeof page.order_id === 'string') calls.qrcode = pageBody;
    if (audio && enabled !== false) calls.audio = pageBody;
  }
  return calls;
}

/** `data-request-timeout-ms` as the app reads it (500 to 600000 ms), else 8000. */
function requestTimeout(value) {
  const t = typeof value === 'string' ? trim(value) : '';
  const n = /^\+?[0-9]+$/.test(t) ? Number(t) : NaN;
  return n >= 500 && n <= 600000 ? n : 8000;
}

/** `data-audio` as the app reads it (core::config): trimmed, `off` turns the voice off. */
const audioOn = (value) => !(typeof value === 'string' && trim(value) === 'off');

/**
 * `data-stylesheet` as the app reads it (core::config): the merchant's own stylesheet, a file name
 * in the theme's assets folder (`custom.css`), trimmed; undefined when there is none or it is not
 * such a name (the app warns).
 */
function stylesheet(value) {
  const name = typeof value === 'string' ? trim(value) : '';
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,59}\.css$/.test(name) && name.indexOf('..') === -1 ? name : undefined;
}

/** core::i18n::Locale::from_tag: 'zh-CN', 'zh-TW', 'en', or undefined. */
function localeOf(tag) {
  if (typeof tag !== 'string') return undefined;
  const t = trim(tag).replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(/_/g, '-');
  if (t === '') return undefined;
  if (t.indexOf('zh') === 0) {
    return ['-tw', '-hk', '-mo', '-hant'].some((x) => t.indexOf(x) !== -1) ? 'zh-TW' : 'zh-CN';
  }
  return t === 'en' || t.indexOf('en-') === 0 ? 'en' : undefined;
}

/**
 * The page's language as the app chooses it (app::read_boot, core::i18n::Locale::choose): the
 * query's first `lang`, then `data-lang` (read as core::config reads it: trimmed, when rendered),
 * then the browser's languages in order, else zh-CN.
 */
function chooseLocale(query, configured, languages) {
  const q = parseQuery(query).filter((p) => p[0] === 'lang')[0];
  const conf = rendered(configured) ? localeOf(configured) : undefined;
  let browser;
  for (let i = 0; i < languages.length && !browser; i += 1) browser = localeOf(languages[i]);
  return (q && localeOf(q[1])) || conf || browser || 'zh-CN';
}

/**
 * The merchant's text for `key` in `locale` (`data-texts`, as core::i18n::Texts::merge_parsed
 * reads it: `{"key": "text"}` for every language or `{"en": {"key": "text"}}` for one; a blank or
 * non-string text is ignored; the last one wins), or undefined.
 */
function merchantText(json, locale, key) {
  if (!rendered(json)) return undefined;
  let v;
  try { v = JSON.parse(trim(json)); } catch (e) { return undefined; }
  if (!isObject(v)) return undefined;
  const usable = (t) => typeof t === 'string' && trim(t) !== '';
  let found;
  const names = Object.keys(v);
  for (let i = 0; i < names.length; i += 1) {
    const value = v[names[i]];
    const loc = localeOf(names[i]);
    if (loc === undefined) {
      if (names[i] === key && usable(value)) found = value;
    } else if (loc === locale && isObject(value) && usable(own(value, key))) {
      found = value[key];
    }
  }
  return found;
}

/**
 * The server's inline picture (core::present::inline_picture: `data:image/...` in `qrcode_data`,
 * else in `qrcode`, through the image URL policy; never for a `type: jump` answer), from the
 * answer's trimmed texts ('' when absent): the picture, null for none, or UNSURE where the core's
 * policy reads more than this does (a character reference): no picture is shown then.
 */
function inlinePicture(type, qrcode, qrcodeData) {
  if (type === 'jump') return null;
  const v = [qrcodeData, qrcode].filter((f) => typeof f === 'string' && /^data:image\//i.test(trim(f)))[0];
  if (v === undefined) return null;
  // url_policy's clean: the ends' controls and spaces off, tabs and newlines out, no other
  // control or invisible formatting character.
  const cleaned = trim(v).replace(new RegExp('[\\u0000-\\u0020' + WS + ']+$'), '');
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/.test(cleaned)) return null;
  const url = cleaned.replace(/[\t\n\r]/g, '');
  if (url.indexOf('&') !== -1) return UNSURE;
  return /^data:image\/(png|jpeg|jpg|gif|webp|bmp)[;,]/i.test(url) ? url : null;
}

/** core::money::yuan_with_sign of a canonical fen string ("1001" -> "¥10.01"). */
function yuanText(fenText) {
  const neg = fenText[0] === '-';
  const digits = ('00' + (neg ? fenText.slice(1) : fenText)).replace(/^0+(?=[0-9]{3})/, '');
  return (neg ? '-¥' : '¥') + digits.slice(0, -2) + '.' + digits.slice(-2);
}

/** Info's amount to pay (trade_amount, else amount) as a canonical fen string, or undefined. */
function amountToPay(infoText) {
  try {
    const d = own(JSON.parse(infoText), 'data');
    if (!isObject(d)) return undefined;
    const trade = fen(own(d, 'trade_amount'));
    const v = trade !== null ? trade : fen(own(d, 'amount'));
    return typeof v === 'string' ? v : undefined;
  } catch (e) {
    return undefined;
  }
}

/** Fills `{name}` placeholders (core::i18n::fill). */
function fill(template, values) {
  let out = template;
  for (const name in values) out = out.split('{' + name + '}').join(values[name]);
  return out;
}

/** When the page's HTML arrived (epoch ms): the navigation's responseStart when sane, else now. */
function htmlArrival(timing, now) {
  const at = timing && timing.responseStart;
  const from = timing && timing.navigationStart;
  return typeof at === 'number' && at > 0 && at <= now && now - at < 3600000 && !(from > at) ? at : now;
}

/** Runs `f` once the document is parsed (#paypage and its settings are in the body). */
function ready(f) {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', f);
  else f();
}

/**
 * The first paint's decision, by the core's `first_paint` in firstpaint.wasm (raw exports, no
 * glue): the seven fields of fixtures/cases/first_paint.json joined by U+0000 (the user agent,
 * info's pay type, data-app-schemes, the answer's type, qrcode, qrcode_data and scheme; '' when
 * absent) in, `{ picture, link, app }` out (null: none; `app` is the text key of the app the
 * words beside the code name); null when a field holds U+0000 (the app decides then).
 */
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
    if (!len) return null;
    return new TextDecoder('utf-8').decode(new Uint8Array(exports.memory.buffer, view.getUint32(out + 8 * i, true), len));
  };
  return { picture: read(0), link: read(1), app: read(2) };
}

/** The qrcode answer's fields the first paint reads (core::wire::text), or undefined. */
function qrFields(answerText) {
  let env;
  try { env = JSON.parse(answerText); } catch (e) { return undefined; }
  if (!isObject(env) || int(own(env, 'code')) !== '200' || text(own(env, 'redirect')) !== undefined) return undefined;
  const d = own(env, 'data');
  if (!isObject(d)) return undefined;
  const field = (k) => { const v = text(own(d, k)); return v === undefined || v === UNSURE ? '' : v; };
  return [field('type'), field('qrcode'), field('qrcode_data'), field('scheme')];
}

/** Info's pay type as core::wire::text reads it ('' when absent). */
function infoPayType(infoText) {
  try {
    const d = own(JSON.parse(infoText), 'data');
    const v = isObject(d) ? text(own(d, 'pay_type')) : undefined;
    return typeof v === 'string' ? v : '';
  } catch (e) {
    return '';
  }
}

function start() {
  // The clock's anchor: when the page's HTML arrived (the app pairs the injected server time with
  // it, not with its own start).
  const perf = typeof performance === 'object' && performance ? performance.timing : undefined;
  window.__paypageBoot = { htmlAt: htmlArrival(perf, Date.now()) };
  // What the page needs before its body exists: the <meta name="paypage"> above this script
  // (the page kind, the theme's assets folder and the app's files in it, named by their content,
  // the injected order id and amount).
  const meta = document.querySelector('meta[name="paypage"]');
  if (!meta) return;
  const head = (name) => meta.getAttribute(name);
  const assets = head('data-assets') || '';
  const asset = (name, plain) => assets + (head(name) || plain);
  const kind = head('data-page');
  const root = () => document.getElementById('paypage');
  // An engine without WebAssembly (iOS Lockdown Mode, very old WebViews) cannot run the app: the
  // page shows what it can without it (noWasm below), never "loading" for ever.
  const wasm = typeof WebAssembly === 'object' && WebAssembly !== null && typeof WebAssembly.instantiate === 'function';
  // Without AbortController (iOS < 12.1, old WebViews) the calls go out without a signal: their
  // timeout then only stops waiting.
  const aborts = typeof AbortController === 'function' && typeof AbortSignal === 'function';

  // The first screen's words in the page's language (the app's choice), from the core's text
  // table the packaging wrote into <meta data-words>, swapped in once the body is parsed and
  // before the first screen is laid out (the hold below waits for it). Where they are not the
  // words the app will show (the merchant's data-texts change one, or the page carries no words
  // for the language), the first screen stays hidden and unpainted until the app shows its own.
  const attr = (name) => { const r = root(); return r ? r.getAttribute(name) : null; };
  let locale = 'zh-CN';
  let words = null;
  let wordsOwn = false;
  const NO_WASM_KEYS = ['no_wasm_pay_code', 'no_wasm_open_elsewhere'];
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
    // (A page without packaged words, Trunk's own output, holds the zh-CN words as written.)
    if (!words && locale === 'zh-CN' && !rendered(texts)) { wordsOwn = true; return; }
    wordsOwn = !!words && Object.keys(words).every((k) => NO_WASM_KEYS.indexOf(k) !== -1 || merchantText(texts, locale, k) === undefined || merchantText(texts, locale, k) === words[k]);
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

  // On the pay page the first screen is not laid out until info's answer has sent the next calls
  // (or HOLD_MS have passed, or anything went another way): its first layout (CJK text in several
  // faces: 150-220 ms of main-thread work on the phone preset) would otherwise run when info
  // answers and hold the qrcode call back by as much. Laid out while qrcode travels instead, it
  // costs the first paint nothing. The amount shows a little later (tens of ms on the phone
  // preset), never more than HOLD_MS.
  // On every page the first screen waits for its words (once the body is parsed).
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

  // The app: its JS and its wasm, downloaded together (one round trip) and started once the first
  // paint is done and the document is parsed. On the pay page the download begins right after info
  // has left (`loadApp`): the first paint's calls are small and bound by round trips, so the app's
  // bytes use a link that would otherwise wait; the app's main-thread work (compiling its JS,
  // starting the wasm) waits for the first paint.
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
  // Each call's way to stop: its abort, or (without AbortController) its promise rejected with
  // a TimeoutError while the request runs on unheard.
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
    // `at`: when the answer's headers arrived (the app's clock pairs the Date header with it).
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
    // No app can run: info (and, when pending, qrcode) by the same rules, then the server's
    // picture if the answer has one, the amount and order id, and what to do.
    prefetch('info', body)
      .then(({ text: answer }) => new Promise((resolve) => ready(() => resolve(answer))))
      .then((answer) => {
        const calls = nextCalls(answer, body, false, kind, head('data-amount'));
        if (!calls || !calls.qrcode) return null;
        return prefetch('qrcode', calls.qrcode).then((r) => {
          const fields = r.status === 200 ? qrFields(r.text) : undefined;
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
    // Once the body is parsed: the settings on #paypage. A cross-origin API (data-api-base) is
    // the app's alone: the early calls are dropped (asked again by whichever of this and the info
    // answer comes first). The request timeout is the page's.
    const elsewhere = () => {
      const base = attr('data-api-base');
      if (!cancelled && base && rendered(base)) {
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
    // Info first; the moment it says "pending" (and the app would agree: the amount rendered into
    // the page, if any, is info's), qrcode, status and audio go out together; on the status page
    // status alone. The app comes after the first paint, or at once when there is none.
    info.then(({ text: answer }) => new Promise((resolve) => ready(() => resolve(answer))))
      .then((answer) => {
        // Once the app has taken the info call over, it makes the next calls itself.
        const calls = !elsewhere() && prefetched.info
          ? nextCalls(answer, body, audioOn(attr('data-audio')), kind, head('data-amount'))
          : null;
        for (const name of ['qrcode', 'status', 'audio']) {
          if (calls && calls[name]) prefetch(name, calls[name]);
        }
        // The next calls are out: the screen may be laid out now, while they travel.
        release();
        if (!calls || !calls.qrcode || !prefetched.qrcode || !wordsOwn) {
          startApp();
          return;
        }
        loadApp();
        // The first paint waits for the code at most this long before the app is fetched anyway.
        const late = setTimeout(startApp, 1500);
        Promise.all([prefetched.qrcode.promise, painter])
          .then((r) => {
            if (cancelled) return;
            const fields = r[0].status === 200 ? qrFields(r[0].text) : undefined;
            const paint = fields && askFirstPaint(r[1], [navigator.userAgent, infoPayType(answer), attr('data-app-schemes') || ''].concat(fields));
            return paint && paint.picture && !cancelled ? afterPaint(paintFirst(paint, amountToPay(answer))) : undefined;
          })
          .catch(() => {})
          .then(() => { clearTimeout(late); startApp(); });
      }, () => startApp())
      // Whatever went wrong above, the app still starts.
      .catch(() => startApp());
  }

  /**
   * Resolves once the painted code has been decoded and a frame has shown it: the app's start
   * (compiling its JS, instantiating its wasm, its first render: 85 ms of main-thread work on this
   * machine, 4x that on the phone preset) must not land between the paint and the frame that shows
   * it. At once in a hidden tab (no frames there); the 1.5 s `late` timer is the backstop.
   */
  function afterPaint(img) {
    if (document.hidden || !img) return Promise.resolve();
    const decoded = img.decode ? img.decode().catch(() => {}) : Promise.resolve();
    return decoded.then(() => new Promise((resolve) => {
      requestAnimationFrame(() => setTimeout(resolve, 0));
    }));
  }

  /**
   * Shows the code (and the link) in the pre-rendered screen: text and attributes only. Returns
   * the painted image (null when the screen has no place for it).
   */
  function paintFirst(paint, amount) {
    const box = document.getElementById('pp-first');
    const img = document.getElementById('pp-first-qr');
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
    const link = document.getElementById('pp-first-open-app');
    if (link && paint.link) {
      link.href = paint.link;
      link.hidden = false;
    }
    const waiting = document.getElementById('pp-boot-loading');
    if (waiting) waiting.hidden = true;
    const countdown = document.getElementById('pp-first-countdown');
    if (countdown) countdown.hidden = false;
    box.hidden = false;
    box.setAttribute('data-painted', paint.link ? 'code link' : 'code');
    // The screen is no longer "loading" for assistive technology: the code is there.
    const screen = box.parentNode;
    if (screen && screen.getAttribute('aria-busy')) screen.setAttribute('aria-busy', 'false');
    window.__paypageFirstPaint = { picture: paint.picture, link: paint.link };
    return img;
  }

  /**
   * The screen of an engine without WebAssembly: the server's picture when there is one (`shown`:
   * `{ picture, amount }`, else null), the pre-rendered amount and order id, and what the customer
   * can do. The app never starts.
   */
  function noWasm(shown) {
    ready(() => {
      release();
      const waiting = document.getElementById('pp-boot-loading');
      if (waiting) waiting.hidden = true;
      const message = document.getElementById('pp-no-wasm');
      if (message) {
        const t = word(shown ? 'no_wasm_pay_code' : 'no_wasm_open_elsewhere');
        if (t !== undefined) message.textContent = t;
        message.hidden = false;
      }
      const box = document.getElementById('pp-first');
      const img = document.getElementById('pp-first-qr');
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
      const screen = document.getElementById('pp-first-screen');
      if (screen) screen.setAttribute('aria-busy', 'false');
      const r = root();
      if (r) r.setAttribute('data-no-wasm', shown ? 'code' : 'message');
    });
  }

  /**
   * The first paint's "open the app" link, tapped, counts as the customer's own opening of the app
   * for this order in this tab (sessionStorage `paypage-app-opened:<display id>`, which the app
   * reads: no automatic opening after it).
   */
  function tapsRecorded(pageBody) {
    let id;
    try {
      const b = JSON.parse(pageBody);
      id = typeof b.order_id === 'string' ? b.order_id : b.out_order_id;
    } catch (e) {
      return;
    }
    if (typeof id !== 'string') return;
    ready(() => {
      const link = document.getElementById('pp-first-open-app');
      if (!link) return;
      link.addEventListener('click', () => {
        try { window.sessionStorage.setItem('paypage-app-opened:' + id, '1'); } catch (e) { /* storage refused: nothing recorded */ }
      });
    });
  }

  ready(() => {
    // Outside XArr the pre-rendered values still hold the raw template text: hide them.
    const all = document.querySelectorAll('.pp-boot-only');
    for (let i = 0; i < all.length; i += 1) {
      if (all[i].textContent.indexOf(ACTION) !== -1) all[i].hidden = true;
    }
    // The merchant's own stylesheet, from the theme's assets folder, after the theme's: its rules
    // win. No theme package contains it, so an upgrade keeps it; without data-stylesheet nothing
    // is requested.
    const css = stylesheet(attr('data-stylesheet'));
    if (css) {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = assets + css;
      document.head.appendChild(link);
    }
  });
}

/**
 * When start() itself failed (an engine without something it needs): the app still starts where
 * WebAssembly is (it makes every call itself), else the page says what the customer can do; never
 * "loading" for ever.
 */
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
  const show = () => {
    const waiting = document.getElementById('pp-boot-loading');
    if (waiting) waiting.hidden = true;
    const message = document.getElementById('pp-no-wasm');
    if (message) message.hidden = false;
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
  else show();
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
else globalThis.__paypageBootRules = { orderBody, nextCalls, parseYuan, stylesheet, requestTimeout, audioOn, percentDecode, rendered, askFirstPaint, qrFields, localeOf, chooseLocale, merchantText, inlinePicture, yuanText, amountToPay, htmlArrival, UNSURE };
})();
