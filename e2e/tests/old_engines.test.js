// Older engines are never stuck (issue 25, point 5), in Chromium with what an older engine lacks
// deleted by an init script before any page script runs:
// - without AbortController/AbortSignal (iOS < 12.1, old WebViews) the boot script's early calls
//   go out without a signal and the whole flow works: the code, the countdown, paid, one return;
// - without WebAssembly (iOS Lockdown Mode, very old WebViews) the boot script shows the server's
//   picture of the code, the amount and order id, and says what to do; never "loading" for ever,
//   never "reload" (which cannot help there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { BASE, CSP_BASE, createOrder, act, apiLog, endpoints, count, returnCount } from '../lib/host.js';
import { withPage } from '../lib/pay_page.js';

const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 12_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.0 Mobile/15E148 Safari/604.1';
const PAYLOAD = 'https://qr.alipay.com/fkx15742tdtmcruhbwsv45b';
const APP_FILES = /\/(paypage|paypage_bg|firstpaint)(-[0-9a-f]{8})?\.(js|wasm)/;

async function decode(page, css) {
  const img = PNG.sync.read(await page.locator(css).first().screenshot());
  const found = jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height);
  return found ? found.data : null;
}

/** An engine without AbortController and AbortSignal; the boot script's early calls are kept. */
async function withoutAbort(page) {
  await page.addInitScript(() => {
    delete window.AbortController;
    delete window.AbortSignal;
    let calls;
    Object.defineProperty(window, '__paypagePrefetch', {
      configurable: true,
      get: () => calls,
      set: (v) => { calls = v; if (v) window.__earlyCalls = v; },
    });
    window.__earlyEntries = {};
    // Each entry as the boot script made it (the app takes them out of the object).
    const keep = setInterval(() => {
      const all = window.__earlyCalls;
      if (all) for (const k of Object.keys(all)) window.__earlyEntries[k] = all[k];
    }, 0);
    setTimeout(() => clearInterval(keep), 10000);
  });
}

const withoutWasm = (page) => page.addInitScript(() => { delete window.WebAssembly; });

test('without AbortController/AbortSignal: the boot script does not throw, and the flow runs to one return', async () => {
  const id = await createOrder('pending', { overrides: { pay_payed_wait_time: 1, is_auto_open: 0 } });
  await withPage(`${BASE}/pay/${id}`, { userAgent: PHONE, init: withoutAbort }, async (p) => {
    assert.equal(await p.page.evaluate(() => typeof AbortController), 'undefined', 'the init script ran');
    await p.visible('#pp-qr-code', 20000);
    await p.visible('#pp-countdown');
    assert.equal(await decode(p.page, '#pp-qr-code'), PAYLOAD);
    // The contract with the app: no abort, the answer's arrival in `at`, the HTML's in htmlAt.
    const early = await p.page.evaluate(async () => {
      const info = window.__earlyEntries.info;
      const answer = await info.promise;
      return { abort: info.abort, at: answer.at, started: info.started, htmlAt: window.__paypageBoot.htmlAt, keys: Object.keys(info).sort() };
    });
    assert.equal(early.abort, null);
    assert.ok(early.at >= early.started && early.at <= Date.now() + 1000, JSON.stringify(early));
    assert.ok(early.htmlAt <= early.started, JSON.stringify(early));
    assert.deepEqual(early.keys, ['abort', 'body', 'promise', 'started', 'timer']);
    await act(id, 'pay');
    await p.phase('paid', 15000);
    await p.page.waitForURL(`${BASE}/__dev/return/${id}`, { timeout: 15000 });
    await p.page.waitForLoadState('load');
    assert.equal(await returnCount(id), 1, 'one return');
    p.assertHealthy();
    const log = await apiLog(id);
    assert.equal(count(log, 'info'), 1, `the app took the early info call over: ${endpoints(log)}`);
  });
});

test("without AbortController: the boot script's own timeout rejects with a TimeoutError", async () => {
  const id = await createOrder('pending');
  await withPage(`${BASE}/pay/${id}`, {
    init: async (page) => {
      await withoutAbort(page);
      // The early info never answers; the app's files wait, so the boot script's timeout decides.
      await page.route('**/api/order/info*', () => {});
      await page.route(/paypage(_bg)?(-[0-9a-f]{8})?\.(js|wasm)$/, () => {});
      await page.route('**/pay/*', async (route) => {
        const r = await route.fetch();
        const html = (await r.text()).replace('<div id="paypage"', '<div id="paypage" data-request-timeout-ms="600"');
        await route.fulfill({ response: r, body: html });
      });
    },
  }, async (p) => {
    const error = await p.page.evaluate(async () => {
      for (let i = 0; i < 100 && !window.__earlyEntries.info; i += 1) await new Promise((r) => setTimeout(r, 20));
      const started = Date.now();
      try {
        await window.__earlyEntries.info.promise;
        return 'answered';
      } catch (e) {
        return { name: e.name, after: Date.now() - started };
      }
    });
    assert.equal(error.name, 'TimeoutError', JSON.stringify(error));
    assert.ok(error.after < 3000, 'the page timeout (600 ms), not the 8 s default');
    // The clock's anchor: when the HTML arrived (the navigation's responseStart).
    const html = await p.page.evaluate(() => [window.__paypageBoot.htmlAt, performance.timing.responseStart]);
    assert.equal(html[0], html[1], 'htmlAt is the navigation\'s responseStart');
  });
});

for (const [what, base] of [['', BASE], [' (strict CSP, Trusted Types)', CSP_BASE]]) {
  test(`without WebAssembly${what}: the server's picture, the amount, the order id and what to do; no app, no "loading", no "reload"`, { skip: !base }, async () => {
    const id = await createOrder('pending', {}, base);
    const requests = [];
    await withPage(`${base}/pay/${id}`, {
      userAgent: PHONE,
      init: async (page) => {
        await withoutWasm(page);
        page.on('request', (r) => requests.push(r.url()));
      },
    }, async (p) => {
      await p.visible('#pp-no-wasm', 10000);
      await p.page.waitForFunction(() => { const i = document.getElementById('pp-first-qr'); return i.complete && i.naturalWidth > 0 && i.getClientRects().length > 0; });
      assert.equal(await decode(p.page, '#pp-first-qr'), PAYLOAD, "the server's picture scans");
      assert.match(await p.text('#pp-no-wasm'), /^此浏览器无法跟踪支付结果。请扫码付款,付款后返回商户,或在系统浏览器中打开此页面$/);
      assert.equal(await p.text('#pp-first-screen .pp-amount-value'), '¥10.00');
      assert.match(await p.text('#pp-first-screen .pp-facts'), new RegExp(id));
      assert.match(await p.page.getAttribute('#pp-first-qr', 'alt'), /付款二维码,金额 ¥10\.00$/);
      const shown = await p.page.locator('body').innerText();
      assert.doesNotMatch(shown, /正在加载|加载失败|刷新|reload|Loading/i, shown);
      assert.equal(await p.page.getAttribute('#pp-first-screen', 'aria-busy'), 'false');
      const log = await apiLog(id, base);
      assert.deepEqual(endpoints(log).sort(), ['info', 'qrcode'], 'info and qrcode, once each');
      assert.deepEqual(requests.filter((u) => APP_FILES.test(u)), [], 'no app file is fetched');
      p.assertHealthy();
    });
  });
}

test('without WebAssembly and without a picture to show (?lang=en): the way to the system browser, in English', async () => {
  // A picture's web address (no inline picture), a paid order, the status page (no qrcode call).
  for (const [scenario, page] of [['picture_url', (id) => `/pay/${id}?lang=en`], ['paid', (id) => `/pay/${id}?lang=en`], ['pending', (id) => `/pay/status?order_id=${id}&lang=en`]]) {
    const id = await createOrder(scenario);
    await withPage(`${BASE}${page(id)}`, { userAgent: PHONE, init: withoutWasm }, async (p) => {
      await p.visible('#pp-no-wasm', 10000);
      assert.equal(await p.text('#pp-no-wasm'), 'This browser cannot show the payment code or follow the payment. Please open this page in your system browser.', scenario);
      assert.equal(await p.page.locator('#pp-first').isVisible(), false, `${scenario}: no code`);
      assert.equal(await p.text('#pp-first-screen .pp-amount-label'), 'Amount to pay');
      const shown = await p.page.locator('body').innerText();
      assert.doesNotMatch(shown, /正在加载|加载失败|刷新|reload|Loading/i, shown);
      p.assertHealthy();
    });
  }
});

test('an engine older still (no TextEncoder, no WebAssembly): the boot script cannot run its rules, and the page still says what to do', async () => {
  const id = await createOrder('pending');
  const older = (page) => page.addInitScript(() => { delete window.WebAssembly; delete window.TextEncoder; delete window.TextDecoder; });
  await withPage(`${BASE}/pay/${id}`, { userAgent: PHONE, init: older }, async (p) => {
    await p.visible('#pp-no-wasm', 10000);
    assert.equal(await p.page.locator('#pp-boot-loading').isVisible(), false, 'not "loading" for ever');
    const shown = await p.page.locator('body').innerText();
    assert.doesNotMatch(shown, /正在加载|加载失败|刷新/, shown);
    p.assertHealthy();
  });
});
