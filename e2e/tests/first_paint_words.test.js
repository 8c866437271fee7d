// The first paint speaks the customer's language (issue 25, point 6): the boot script chooses the
// language as the app does (?lang=, data-lang, the browser's languages) and swaps the core's words
// in (packaged into the page by `cargo xtask theme`) before the first screen is laid out; where the
// merchant's data-texts change one of them, the first screen stays hidden until the app shows its
// own. A frame watcher (an init script) records every word the first screen showed on screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, createOrder, untilLog, count } from '../lib/host.js';
import { withPage } from '../lib/pay_page.js';
import { fileUrl } from '../lib/assets.js';

const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/**
 * Holds the app's files until `globalThis.__release()`, adds `attrs` to #paypage, and records in
 * every frame the first screen's words that are on screen (`window.__seen`).
 */
async function watch(page, attrs = '') {
  await page.addInitScript(() => {
    window.__seen = [];
    const tick = () => {
      const root = document.querySelector('#paypage > .pp-root');
      const screen = document.getElementById('pp-first-screen');
      if (root && screen && screen.getClientRects().length && getComputedStyle(root).visibility === 'visible') {
        for (const e of screen.querySelectorAll('.pp-amount-label, #pp-boot-loading, dt, .pp-scan-hint, #pp-first-open-app')) {
          if (e.getClientRects().length && getComputedStyle(e).visibility === 'visible' && !window.__seen.includes(e.textContent)) window.__seen.push(e.textContent);
        }
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.route(fileUrl('paypage.js'), async (route) => { await new Promise((r) => { globalThis.__release = r; }); await route.continue(); });
  if (attrs) {
    await page.route('**/pay/*', async (route) => {
      const r = await route.fetch();
      const html = (await r.text()).replace('<div id="paypage"', `<div id="paypage" ${attrs}`);
      await route.fulfill({ response: r, body: html });
    });
  }
}

/** The first screen painted: the code and the link, the words beside them, before the app runs. */
async function painted(p) {
  await p.page.locator('#pp-first[data-painted]').waitFor({ timeout: 5000 });
  assert.equal(await p.page.locator('#pp-pending').count(), 0, 'the app is not running yet');
  return p.page.evaluate(() => ({
    lang: document.documentElement.lang,
    label: document.querySelector('#pp-first-screen .pp-amount-label').textContent,
    hint: document.querySelector('#pp-first .pp-scan-hint').textContent,
    link: document.getElementById('pp-first-open-app').textContent,
    alt: document.getElementById('pp-first-qr').alt,
    seen: window.__seen,
  }));
}

/** The app's own words in the same places, once it has taken over. */
async function takenOver(p) {
  globalThis.__release();
  await p.page.locator('#pp-pending').waitFor({ timeout: 20000 });
  await p.page.waitForFunction(() => !document.getElementById('pp-app') || !document.getElementById('pp-app').hidden);
  return p.page.evaluate(() => ({
    lang: document.documentElement.lang,
    label: document.getElementById('pp-amount-label').textContent,
    hint: document.getElementById('pp-scan-hint').textContent,
    link: (document.getElementById('pp-open-app') || {}).textContent,
    alt: document.getElementById('pp-qr-code').alt,
  }));
}

// Words of each language the first screen could show (amount label, loading, order id label).
const WORDS = {
  'zh-CN': ['应付金额', '正在加载订单…', '订单号'],
  'zh-TW': ['應付金額', '正在載入訂單…', '訂單編號'],
  en: ['Amount to pay', 'Loading your order…', 'Order number'],
};

const cases = [
  ['?lang=en', '?lang=en', 'zh-CN', '', { lang: 'en', label: 'Amount to pay', hint: 'Scan with Alipay to pay', link: 'Open Alipay to pay', alt: 'Alipay payment QR code for ¥10.00' }],
  ["an English browser", '', 'en-US', '', { lang: 'en', label: 'Amount to pay', hint: 'Scan with Alipay to pay', link: 'Open Alipay to pay', alt: 'Alipay payment QR code for ¥10.00' }],
  ['data-lang="zh-TW"', '', 'en-US', 'data-lang="zh-TW"', { lang: 'zh-TW', label: '應付金額', hint: '請使用支付寶掃碼支付', link: '開啟支付寶付款', alt: '支付寶付款二維碼,金額 ¥10.00' }],
  ['zh-CN', '', 'zh-CN', '', { lang: 'zh-CN', label: '应付金额', hint: '请使用支付宝扫码支付', link: '打开支付宝付款', alt: '支付宝付款二维码,金额 ¥10.00' }],
];

for (const [what, query, locale, attrs, want] of cases) {
  test(`the first paint in the app's language (${what}): its words before the app, the app's same words after`, async () => {
    const id = await createOrder('pending', { overrides: { is_auto_open: 0 } });
    await withPage(`${BASE}/pay/${id}${query}`, { userAgent: PHONE, locale, init: (page) => watch(page, attrs) }, async (p) => {
      const first = await painted(p);
      const { seen, ...words } = first;
      assert.deepEqual(words, want, 'the first paint');
      // No word of another language was ever on screen.
      const others = Object.entries(WORDS).filter(([lang]) => lang !== want.lang).flatMap(([, w]) => w);
      assert.deepEqual(seen.filter((w) => others.includes(w)), [], `words of another language were on screen: ${seen}`);
      assert.ok(seen.includes(want.label), `seen: ${seen}`);
      assert.deepEqual(await takenOver(p), want, 'the app shows the same words');
      p.assertHealthy();
    });
  });
}

test("the merchant's data-texts change a first-screen word: the first screen stays hidden, then the app shows the merchant's", async () => {
  const id = await createOrder('pending', { overrides: { is_auto_open: 0 } });
  // The first WebAssembly instantiation (the app is held: firstpaint.wasm's), for the page to await.
  const firstModule = () => {
    const instantiate = WebAssembly.instantiate;
    WebAssembly.instantiate = function (...args) {
      const made = instantiate.apply(this, args);
      if (!window.__firstModule) window.__firstModule = made.catch(() => null);
      return made;
    };
  };
  const init = async (page) => { await page.addInitScript(firstModule); await watch(page, `data-texts='{"amount_label": "本单应付"}'`); };
  await withPage(`${BASE}/pay/${id}`, { userAgent: PHONE, init }, async (p) => {
    // The positive event first: the boot script has had both the qrcode answer and the paint
    // module, and a task has passed since (its reactions to them, a paint included, are done).
    await untilLog(id, (log) => count(log, 'qrcode') >= 1, 'the qrcode call');
    await p.page.waitForFunction(() => window.__paypagePrefetch && window.__paypagePrefetch.qrcode && window.__firstModule);
    await p.page.evaluate(() => Promise.all([window.__paypagePrefetch.qrcode.promise.catch(() => null), window.__firstModule])
      .then(() => new Promise((r) => setTimeout(r, 0))));
    assert.deepEqual(await p.page.evaluate(() => window.__seen), [], 'no built-in word was on screen');
    assert.equal(await p.page.locator('#pp-first[data-painted]').count(), 0, 'no first paint');
    globalThis.__release();
    await p.page.locator('#pp-pending').waitFor({ timeout: 20000 });
    assert.equal(await p.text('#pp-amount-label'), '本单应付');
    p.assertHealthy();
  });
});
