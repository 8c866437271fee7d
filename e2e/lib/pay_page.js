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
