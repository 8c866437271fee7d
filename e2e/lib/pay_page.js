// Page object of the pay page: stable element ids, and the watchdogs every test installs
// (uncaught errors, wasm panics, console errors, navigations).
import assert from 'node:assert/strict';
import { launch } from './browser.js';

export class PayPage {
  static async open(url, { viewport = { width: 390, height: 844 }, userAgent, locale = 'zh-CN', colorScheme = 'light', autoplay = false, permissions = [], init, deviceScaleFactor = 1 } = {}) {
    const browser = await launch({ autoplay });
    const context = await browser.newContext({ viewport, userAgent, locale, colorScheme, deviceScaleFactor });
    if (permissions.length) await context.grantPermissions(permissions);
    const page = await context.newPage();
    const p = new PayPage(browser, context, page);
    if (init) await init(page);
    await page.goto(url);
    return p;
  }

  constructor(browser, context, page) {
    this.browser = browser;
    this.context = context;
    this.page = page;
    this.errors = [];
    this.navigations = [];
    page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      const text = m.text();
      if (m.type() === 'error' && !/Failed to load resource/.test(text)) this.errors.push(`console.error: ${text}`);
      if (/panicked at|RuntimeError|unreachable/.test(text)) this.errors.push(`panic: ${text}`);
    });
    page.on('framenavigated', (f) => { if (f === page.mainFrame()) this.navigations.push(f.url()); });
  }

  text(selector) { return this.page.locator(selector).innerText(); }
  visible(selector, timeout = 10000) { return this.page.locator(selector).first().waitFor({ state: 'visible', timeout }); }
  async phase(name, timeout = 15000) { await this.page.locator(`[data-phase="${name}"]`).waitFor({ timeout }); }

  /** Fails on any uncaught error, console error or wasm panic seen so far. */
  assertHealthy() {
    assert.deepEqual(this.errors, [], 'the page logged errors');
  }

  async close() {
    await this.browser.close();
  }
}

/**
 * Opens the page, runs `body(page)`, and always closes the browser:
 * `await withPage(url, { userAgent }, async (p) => { ... })` or `withPage(url, async (p) => ...)`.
 */
export async function withPage(url, opts, body) {
  if (typeof opts === 'function') [opts, body] = [{}, opts];
  const p = await PayPage.open(url, opts);
  try {
    return await body(p);
  } finally {
    await p.close();
  }
}

/**
 * An init script that sets `data-*` attributes on `#paypage` as the parser inserts it, before
 * any script reads them (a merchant's settings without a theme copy): `init: paypageAttributes({
 * 'data-expiry-grace-secs': '3' })`.
 */
export const paypageAttributes = (attrs) => (page) => page.addInitScript((a) => {
  new MutationObserver((_, obs) => {
    const el = document.getElementById('paypage');
    if (!el) return;
    for (const [k, v] of Object.entries(a)) el.setAttribute(k, v);
    obs.disconnect();
  }).observe(document, { childList: true, subtree: true });
}, attrs);

/**
 * Records the app links the page opens (a navigation to a scheme no program handles: Chromium
 * asks the embedder, and the page stays), through the DevTools protocol. Returns `opens()`, the
 * URLs so far, with `opens.atLeast(n)` to wait for n of them.
 */
export async function appOpens(p) {
  const seen = [];
  const cdp = await p.context.newCDPSession(p.page);
  await cdp.send('Page.enable');
  cdp.on('Page.frameRequestedNavigation', (e) => { if (!/^(https?|about|data|blob):/.test(e.url)) seen.push(e.url); });
  const opens = () => [...seen];
  opens.atLeast = async (n, timeout = 10000) => {
    const end = Date.now() + timeout;
    while (seen.length < n) {
      if (Date.now() > end) assert.fail(`the app link was opened ${seen.length} times, waiting for ${n}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return opens;
}

/**
 * The positive event a negative check waits for: a pending order opened in a second tab of the
 * same browser makes `polls` status calls after its first, each a poll interval (2 s) of the
 * page's own timers later. Whatever the page under test would do by a timer of that length has
 * been done by then. The second tab is closed before this returns.
 */
export async function afterStatusPolls(p, polls = 2) {
  const { createOrder, untilLog, count } = await import('./host.js');
  const id = await createOrder('pending');
  const tab = await p.context.newPage();
  try {
    await tab.goto(`${process.env.PAYPAGE_URL}/pay/${id}`);
    await untilLog(id, (log) => count(log, 'status') > polls, `${polls + 1} status calls of the ticking tab`, 20000);
  } finally {
    await tab.close();
  }
}

/**
 * Resolves once every finite animation of the document has finished and a frame has shown the
 * end: a screenshot or a measurement then sees the screen at rest, however slow the machine.
 */
export function animationsDone(p) {
  return p.page.evaluate(() => Promise.all(document.getAnimations()
    .filter((a) => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
    .map((a) => a.finished.catch(() => {})))
    .then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
}
