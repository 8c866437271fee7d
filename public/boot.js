// paypage boot module: starts the WebAssembly app, and starts `/api/order/info` at once so the
// answer is on its way while the wasm downloads and compiles (the app takes the calls over).
// External, not inline: the page works under a strict Content-Security-Policy and XArr's template
// engine never sees a dollar-brace here.
//
// The rules below are the core's (core::order_ref, core::wire, core::model, core::money,
// core::machine), so boot.js sends exactly the calls the app would send, with the same bodies:
// none after info that is not pending, or disagrees with the amount rendered into the page
// (data-inject-amount), or has no pay type (the cashier flow: the pay page leaves for the
// separate page); no qrcode or audio on the status page (data-page="status"); on the separate page
// (data-page="separate") info alone. Both are held
// to one table, fixtures/cases/boot.json (crates/core/tests/core/boot_cases.rs and
// e2e/tests/boot_rules.test.js). What boot.js cannot decide the same way it leaves to the app: it
// then sends nothing early.

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

const trim = (s) => s.replace(TRIM, '');

/** A value the host rendered: not blank and not a template action left verbatim. */
export const rendered = (v) => typeof v === 'string' && trim(v) !== '' && v.indexOf('$' + '{') === -1;

function validId(raw) {
  const id = trim(raw);
  if (id === '' || new TextEncoder().encode(id).length > 128 || BAD_ID.test(id)) return undefined;
  return id;
}

/** Percent-decoding with `+` as space; invalid escapes stay, invalid UTF-8 is replaced. */
export function percentDecode(s) {
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
export function parseYuan(v) {
  const m = /^([0-9]+)(?:\.([0-9]{1,2}))?$/.exec(trim(v));
  if (!m) return undefined;
  return i64(m[1] + (m[2] === undefined ? '00' : (m[2] + '0').slice(0, 2)));
}

/**
 * The order's request body (`{"order_id":…}` or `{"out_order_id":…,"pid":…}`): the injected id,
 * else `/pay/<id>`, else `?order_id=`, else `?out_order_id=&pid=` (core::order_ref).
 */
export function orderBody(injected, path, query) {
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
export function nextCalls(infoText, pageBody, audio, kind, amountText) {
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
export function requestTimeout(value) {
  const t = typeof value === 'string' ? trim(value) : '';
  const n = /^\+?[0-9]+$/.test(t) ? Number(t) : NaN;
  return n >= 500 && n <= 600000 ? n : 8000;
}

/** `data-audio` as the app reads it (core::config): trimmed, `off` turns the voice off. */
export const audioOn = (value) => !(typeof value === 'string' && trim(value) === 'off');

/**
 * `data-stylesheet` as the app reads it (core::config): the merchant's own stylesheet, a file name
 * in the theme's assets folder (`custom.css`), trimmed; undefined when there is none or it is not
 * such a name (the app warns).
 */
export function stylesheet(value) {
  const name = typeof value === 'string' ? trim(value) : '';
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,59}\.css$/.test(name) && name.indexOf('..') === -1 ? name : undefined;
}

function start() {
  const root = document.getElementById('paypage');
  const attr = (name) => (root ? root.getAttribute(name) : null);

  // Outside XArr the pre-rendered values still hold the raw template text: hide them at once.
  for (const el of document.querySelectorAll('.pp-boot-only')) {
    if (el.textContent.indexOf('$' + '{') !== -1) el.hidden = true;
  }

  // Starts one template-API call; the app takes it over (by endpoint and body) when it runs.
  const prefetched = {};
  const timeout = requestTimeout(attr('data-request-timeout-ms'));
  function prefetch(name, body) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeout);
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

  // Info first; the moment it says "pending" (and the app would agree: the amount rendered into
  // the page, if any, is info's), qrcode, status and audio go out together; on the status page
  // status alone.
  const base = attr('data-api-base');
  const body = root ? orderBody(attr('data-inject-order-id'), location.pathname, location.search) : undefined;
  if (body && !(base && rendered(base))) {
    window.__paypagePrefetch = prefetched;
    const audio = audioOn(attr('data-audio'));
    const kind = attr('data-page');
    const amount = attr('data-inject-amount');
    prefetch('info', body).then(({ text: answer }) => {
      // Once the app has taken the info call over, it makes the next calls itself.
      const calls = prefetched.info ? nextCalls(answer, body, audio, kind, amount) : null;
      for (const name of ['qrcode', 'status', 'audio']) {
        if (calls && calls[name]) prefetch(name, calls[name]);
      }
    }, () => {});
  }

  // The merchant's own stylesheet, from the theme's assets folder (where this module is), after
  // the theme's: its rules win. No theme package contains it, so an upgrade keeps it; without
  // data-stylesheet nothing is requested.
  const css = stylesheet(attr('data-stylesheet'));
  if (css) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL(css, import.meta.url).href;
    document.head.appendChild(link);
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
  import('./paypage.js')
    .then((m) => m.default({ module_or_path: new URL('paypage_bg.wasm', import.meta.url) }))
    .catch(bootFailed);
}

if (typeof document !== 'undefined') start();
