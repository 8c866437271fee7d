// A small W3C WebDriver client over fetch, for the engines Playwright cannot drive here (Firefox
// through geckodriver, WebKitGTK through WebKitWebDriver). No client library: the protocol is a
// handful of JSON requests (pngjs crops screenshots). `cargo xtask ci` starts the driver and
// passes its address in PAYPAGE_WEBDRIVER_URL and the engine in PAYPAGE_ENGINE.
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';

export const ENGINE = process.env.PAYPAGE_ENGINE || 'firefox';
export const DRIVER_URL = process.env.PAYPAGE_WEBDRIVER_URL;

/** The device-pixel ratio Firefox runs at (see `layout.css.devPixelsPerPx` below). */
const FIREFOX_DPR = 1.3;

// The W3C key for an element reference in JSON.
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** Browser options per engine; `ua` overrides the user agent, `dark` the colour scheme. */
function capabilities({ ua, dark = false, autoplay = true, width, height }) {
  if (ENGINE === 'webkit') {
    const args = ['--automation', `--autoplay-policy=${autoplay ? 'allow' : 'deny'}`,
      '--javascript-can-access-clipboard=true'];
    if (ua) args.push(`--user-agent=${ua}`);
    if (dark) args.push('--dark-mode');
    return {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': {
        binary: process.env.PAYPAGE_MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        args,
      },
    };
  }
  const prefs = {
    // Firefox's window is at least 500 device pixels wide: at a phone-like device-pixel ratio
    // that is narrow enough for a phone's CSS width.
    'layout.css.devPixelsPerPx': String(FIREFOX_DPR),
    // 5 = block audible and inaudible autoplay; 0 = allow.
    'media.autoplay.default': autoplay ? 0 : 5,
    'media.autoplay.blocking_policy': 0,
    // Lets the test read the clipboard back without Firefox's paste prompt.
    'dom.events.testing.asyncClipboard': true,
    'layout.css.prefers-color-scheme.content-override': dark ? 0 : 1,
    'intl.accept_languages': 'zh-CN',
    'browser.shell.checkDefaultBrowser': false,
    'app.update.enabled': false,
  };
  if (ua) prefs['general.useragent.override'] = ua;
  return {
    browserName: 'firefox',
    'moz:firefoxOptions': {
      binary: process.env.PAYPAGE_FIREFOX || '/usr/bin/firefox-esr',
      args: ['-headless', `--width=${width}`, `--height=${height}`],
      prefs,
    },
  };
}

async function call(method, path, body, timeout = 60000) {
  const r = await fetch(DRIVER_URL + path, {
    method,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
    // A browser that never comes up must fail the test, not hang the suite.
    signal: AbortSignal.timeout(timeout),
  });
  const json = await r.json();
  if (!r.ok) {
    const v = json.value || {};
    const e = new Error(`WebDriver ${method} ${path}: ${v.error}: ${v.message}`);
    e.code = v.error;
    throw e;
  }
  return json.value;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Calls `get()` every 100 ms until `ok(value)` holds, and returns that value; fails after
 * `timeout` ms naming `what` and the last value. `get` may throw while a page navigates.
 */
async function poll(get, ok, { timeout, what }) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await get();
      if (ok(last)) return last;
    } catch (e) {
      if (!/no such window|javascript error|unknown error|script timeout|JavaScript/i.test(`${e.code} ${e.message}`)) throw e;
      last = e.message;
    }
    if (Date.now() > end) assert.fail(`timed out after ${timeout} ms waiting for ${what} (last: ${last})`);
    await sleep(100);
  }
}

export class Session {
  /** Starts a browser: `Session.start({ ua, dark, autoplay, width, height })`. */
  static async start({ ua, dark = false, autoplay = true, width = 390, height = 844 } = {}) {
    assert.ok(DRIVER_URL, 'PAYPAGE_WEBDRIVER_URL is not set: run the suite through `cargo xtask ci`');
    const request = { capabilities: { alwaysMatch: capabilities({ ua, dark, autoplay, width, height }) } };
    let value;
    try {
      value = await call('POST', '/session', request, 30000);
    } catch (e) {
      // Seen once in WebKitGTK on a loaded machine: a browser that does not answer its driver.
      // One more try with a new browser; a second failure is the test's.
      console.log(`# new session failed (${e.message}); trying once more`);
      value = await call('POST', '/session', request, 60000);
    }
    const s = new Session(value.sessionId, value.capabilities);
    try {
      await s.cmd('POST', '/timeouts', { script: 15000, pageLoad: 20000, implicit: 0 });
      await s.cmd('POST', '/window/rect', { width, height });
    } catch (e) {
      await s.quit();
      throw e;
    }
    return s;
  }

  constructor(id, caps) {
    this.id = id;
    this.caps = caps;
  }

  cmd(method, path, body) {
    return call(method, `/session/${this.id}${path}`, body);
  }

  get browserVersion() { return `${this.caps.browserName} ${this.caps.browserVersion}`; }

  goto(url) { return this.cmd('POST', '/url', { url }); }
  url() { return this.cmd('GET', '/url'); }

  /** Runs `fn` (a function, or a function body as text) in the page with `args`. */
  eval(fn, ...args) {
    const script = typeof fn === 'function' ? `return (${fn}).apply(null, arguments);` : fn;
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  async find(css) {
    const v = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return v[ELEMENT];
  }

  async count(css) {
    return (await this.cmd('POST', '/elements', { using: 'css selector', value: css })).length;
  }

  async click(css) {
    const el = await this.find(css);
    await this.cmd('POST', `/element/${el}/click`, {});
  }

  /** The element's rendered text (`innerText`), the same way in every engine. */
  text(css) {
    return this.eval((sel) => {
      const el = document.querySelector(sel);
      if (!el) throw new Error(`no element ${sel}`);
      return el.innerText;
    }, css);
  }

  async attr(css, name) {
    return this.cmd('GET', `/element/${await this.find(css)}/attribute/${name}`);
  }

  /**
   * The pixels of one element as the browser painted them: a viewport screenshot cropped to the
   * element's box (WebKitGTK's element screenshot comes out partly black, so one way for all).
   * Returns a pngjs image (`width`, `height`, RGBA `data`; `PNG.sync.write` makes it a file).
   */
  async pixels(css) {
    // The screens fade in (0.18 s): the pixels a camera would see are those after it.
    await this.until(() => document.getAnimations().every((a) => a.playState !== 'running'), { what: 'animations finished' });
    // Scrolled into view at once (not smoothly), then measured after the next frame is painted.
    await this.eval((sel) => document.querySelector(sel).scrollIntoView({ block: 'center', behavior: 'instant' }), css);
    const box = await this.cmd('POST', '/execute/async', {
      script: `const [sel, done] = arguments;
        requestAnimationFrame(() => requestAnimationFrame(() => {
          const r = document.querySelector(sel).getBoundingClientRect();
          done({ x: r.left, y: r.top, width: r.width, height: r.height, dpr: window.devicePixelRatio });
        }));`,
      args: [css],
    });
    const page = PNG.sync.read(Buffer.from(await this.cmd('GET', '/screenshot'), 'base64'));
    const x = Math.max(0, Math.round(box.x * box.dpr));
    const y = Math.max(0, Math.round(box.y * box.dpr));
    const w = Math.min(page.width - x, Math.round(box.width * box.dpr));
    const h = Math.min(page.height - y, Math.round(box.height * box.dpr));
    const out = new PNG({ width: w, height: h });
    PNG.bitblt(page, out, x, y, w, h, 0, 0);
    return out;
  }

  /** Waits until `fn(...args)` in the page returns a truthy value, and returns it. */
  until(fn, { timeout = 10000, what = String(fn) } = {}, ...args) {
    // A navigation in progress makes scripts fail for a moment.
    return poll(() => this.eval(fn, ...args), Boolean, { timeout, what });
  }

  /** Waits for an element that is displayed (has a box and is not hidden). */
  visible(css, timeout = 10000) {
    return this.until((sel) => {
      const el = document.querySelector(sel);
      if (!el) return false;
      const r = el.getBoundingClientRect();
      const st = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && st.display !== 'none';
    }, { timeout, what: `${css} visible` }, css);
  }

  /**
   * The positive event a negative check waits for: a pending order, in a frame added to the page
   * under test (the same event loop and timers), makes `polls` status calls after its first, each
   * a poll interval (2 s) later. Whatever the page would do by a timer of that length has been
   * done by then. The frame is removed before this returns.
   */
  async afterStatusPolls(polls = 2) {
    const { createOrder, untilLog, count, BASE } = await import('./host.js');
    const id = await createOrder('pending');
    await this.eval((src) => {
      const f = document.createElement('iframe');
      f.id = 'pp-test-ticking';
      f.src = src;
      document.body.appendChild(f);
    }, `${BASE}/pay/${id}`);
    await untilLog(id, (log) => count(log, 'status') > polls, `${polls + 1} status calls of the ticking frame`, 20000);
    await this.eval(() => document.getElementById('pp-test-ticking').remove());
  }

  phase(name, timeout = 15000) {
    return this.until((n) => !!document.querySelector(`[data-phase="${n}"]`), { timeout, what: `phase ${name}` }, name);
  }

  /** Waits until the page's URL satisfies `pred`, and returns it. */
  waitUrl(pred, timeout = 10000) {
    // While the page navigates the URL may not be readable for a moment: read as ''.
    return poll(() => this.url().catch(() => ''), pred, { timeout, what: 'the URL' });
  }

  /** Hides `navigator.clipboard` from the page: its copy buttons must use the fallback. */
  withoutAsyncClipboard() {
    return this.eval(() => {
      Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get: () => undefined });
    });
  }

  /** What devhost's `--probe` script recorded: `{ errors, violations, pwned }`. */
  probe() {
    return this.eval(() => window.__ppProbe || { errors: ['no probe: is the dev host started with --probe?'], violations: [], pwned: 0 });
  }

  /** Fails on any uncaught error, console error, CSP violation or injected script seen so far. */
  async assertHealthy() {
    const p = await this.probe();
    assert.deepEqual(p.errors, [], 'the page logged errors');
    assert.deepEqual(p.violations, [], 'the page violated its Content-Security-Policy');
    assert.equal(p.pwned, 0, 'an injected script ran');
  }

  async quit() {
    try { await call('DELETE', `/session/${this.id}`); } catch { /* already gone */ }
  }
}

/** Starts a session, runs `body(session)`, always ends the session. */
export async function withSession(opts, body) {
  if (typeof opts === 'function') [opts, body] = [{}, opts];
  const s = await Session.start(opts);
  try {
    return await body(s);
  } finally {
    await s.quit();
  }
}
