// The first paint in Chromium (the same checks as e2e/engines/first_paint.test.js in Firefox and
// WebKit): on a phone the server's QR picture and the "open the app" link appear at the qrcode
// answer, before any app byte is on the wire; the app takes over with the same code in the same
// place, no call twice, nothing moved; a dead order paints nothing early; with the app's own
// strict CSP the inline boot script runs (its hash) and nothing is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { BASE, CSP_BASE, createOrder, apiLog, endpoints, count } from '../lib/host.js';
import { withPage } from '../lib/pay_page.js';
import { fileUrl } from '../lib/assets.js';

const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const PAYLOAD = 'https://qr.alipay.com/fkx15742tdtmcruhbwsv45b';
const QR = '#pp-qr-code';

async function decode(page, css) {
  const img = PNG.sync.read(await page.locator(css).first().screenshot());
  const found = jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height);
  return found ? found.data : null;
}

const place = (page, css) => page.evaluate((sel) => {
  const r = document.querySelector(sel).getBoundingClientRect();
  return [Math.round(r.left + scrollX), Math.round(r.top + scrollY), Math.round(r.width), Math.round(r.height)];
}, css);

for (const [what, base] of [['', BASE], [' (strict CSP, Trusted Types)', CSP_BASE]]) {
  test(`first paint${what}: code and app link before any app byte, then the app's same code in the same place`, { skip: !base }, async () => {
    const id = await createOrder('pending', { overrides: { is_auto_open: 0 } }, base);
    const requests = [];
    let violations = 0;
    await withPage(`${base}/pay/${id}`, {
      userAgent: PHONE,
      init: async (page) => {
        page.on('request', (r) => requests.push(r.url()));
        await page.addInitScript(() => document.addEventListener('securitypolicyviolation', () => { window.__violations = (window.__violations || 0) + 1; }));
        // The app's files are held until the test lets them go.
        await page.route(fileUrl('paypage.js'), async (route) => { await new Promise((r) => { globalThis.__release = r; }); await route.continue(); });
      },
    }, async (p) => {
      await p.page.locator('#pp-first[data-painted]').waitFor({ timeout: 5000 });
      await p.page.waitForFunction(() => { const i = document.getElementById('pp-first-qr'); return i.complete && i.naturalWidth > 0; });
      assert.equal(await p.page.locator('#pp-pending').count(), 0, 'the app is not running yet');
      assert.equal(await decode(p.page, '#pp-first-qr'), PAYLOAD, 'the first paint shows a code that scans');
      assert.equal(await p.page.getAttribute('#pp-first-open-app', 'href'), 'alipays://platformapi/startapp?saId=10000007&qrcode=https%3A%2F%2Fqr.alipay.com%2Ffkx15742tdtmcruhbwsv45b');
      const picture = await p.page.getAttribute('#pp-first-qr', 'src');
      const before = await place(p.page, '#pp-first-qr');
      const scrolled = await p.page.evaluate(() => { scrollTo(0, 120); return scrollY; });
      // Watch every frame from now on: the code must never leave the screen.
      await p.page.evaluate(() => {
        window.__gaps = 0;
        const seen = () => [...document.querySelectorAll('#pp-first-qr, #pp-qr-code')].some((e) => e.getClientRects().length && e.complete && e.naturalWidth > 0);
        const tick = () => { if (!seen()) window.__gaps += 1; if (!window.__stop) requestAnimationFrame(tick); };
        requestAnimationFrame(tick);
      });
      globalThis.__release();
      await p.page.locator('#pp-pending').waitFor({ timeout: 20000 });
      await p.page.waitForFunction(() => !document.getElementById('pp-app').hidden);
      assert.equal(await p.page.locator('#pp-first').count(), 0, 'the first paint is gone');
      assert.equal(await p.page.getAttribute(QR, 'src'), picture, 'the app shows the same picture');
      assert.deepEqual(await place(p.page, QR), before, 'at the same place and size');
      assert.equal(await p.page.evaluate(() => scrollY), scrolled, 'the scroll position is kept');
      await p.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => { window.__stop = true; r(); }))));
      assert.equal(await p.page.evaluate(() => window.__gaps), 0, 'the code was on screen in every frame');
      assert.equal(await decode(p.page, QR), PAYLOAD);
      assert.equal(await p.page.evaluate(() => window.__violations || 0), 0, 'no CSP violation');
      p.assertHealthy();
      const log = await apiLog(id, base);
      for (const name of ['info', 'qrcode', 'status']) assert.ok(count(log, name) >= 1, `${name}: ${endpoints(log)}`);
      for (const name of ['info', 'qrcode']) assert.equal(count(log, name), 1, `${name} once: ${endpoints(log)}`);
    });
  });
}

test('the app starts only after a frame has shown the first paint, and its files do not delay the calls it needs', async () => {
  // Three loads: without the wait, whether a frame slips in before the app starts is a race.
  for (let load = 0; load < 3; load += 1) await appAfterTheFrame();
});

async function appAfterTheFrame() {
  const id = await createOrder('pending', { overrides: { is_auto_open: 0 } });
  await withPage(`${BASE}/pay/${id}`, {
    userAgent: PHONE,
    init: async (page) => {
      // The code arrives once the app's files are in: the app could start the moment it is painted.
      let filesIn;
      const files = new Promise((r) => { filesIn = r; });
      let left = 2;
      page.on('requestfinished', (r) => { if ((fileUrl('paypage_bg.wasm').test(r.url()) || fileUrl('paypage.js').test(r.url())) && --left === 0) filesIn(); });
      await page.route('**/api/order/qrcode*', async (route) => { await files; await route.continue(); });
      await page.addInitScript(() => {
        new MutationObserver(() => {
          const now = performance.now();
          if (window.__paintAt === undefined && document.querySelector('#pp-first[data-painted]')) window.__paintAt = now;
          if (window.__appAt === undefined && document.getElementById('pp-app')) window.__appAt = now;
        }).observe(document, { subtree: true, attributes: true, childList: true });
        // When the app's wasm is handed to the engine (the first paint's module has no imports).
        for (const name of ['instantiate', 'instantiateStreaming']) {
          const real = WebAssembly[name];
          WebAssembly[name] = function (source, imports) {
            if (window.__appWasmAt === undefined && imports && Object.keys(imports).length) window.__appWasmAt = performance.now();
            return real.apply(this, arguments);
          };
        }
        // The first animation frame in which the painted code is decoded and on screen.
        const frame = () => {
          const img = document.getElementById('pp-first-qr');
          if (img && img.getClientRects().length && img.complete && img.naturalWidth > 0) window.__shownAt = performance.now();
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
    },
  }, async (p) => {
    await p.page.locator('#pp-pending').waitFor({ timeout: 20000 });
    const { paintAt, shownAt, appAt, wasmAt, starts } = await p.page.evaluate(() => ({
      paintAt: window.__paintAt,
      shownAt: window.__shownAt,
      appAt: window.__appAt,
      wasmAt: window.__appWasmAt,
      starts: Object.fromEntries(performance.getEntriesByType('resource').map((e) => [e.name.replace(/^.*\//, '').replace(/\?.*/, '').replace(/-[0-9a-f]{8}(\.(?:js|wasm))$/, '$1'), Math.round(e.startTime)])),
    }));
    assert.ok(paintAt !== undefined && shownAt !== undefined, 'painted early');
    // The app's start (its JS, its wasm, its first render) must not hold back the frame that shows
    // the code.
    assert.ok(wasmAt !== undefined && wasmAt > shownAt, `the app's wasm started at ${Math.round(wasmAt)} ms, after the frame that showed the code at ${Math.round(shownAt)} ms`);
    assert.ok(appAt !== undefined && appAt > shownAt, `the app mounted at ${Math.round(appAt)} ms`);
    // info leaves first; the app's files only after it.
    for (const file of ['paypage_bg.wasm', 'paypage.js', 'firstpaint.wasm']) {
      assert.ok(starts[file] >= starts.info, `${file} asked for at ${starts[file]} ms, info at ${starts.info} ms`);
    }
    p.assertHealthy();
  });
}

// The first screen's layout waits for info's answer to send the next calls (it would otherwise
// hold the qrcode call back on a slow phone), but never long: on a slow API it shows anyway.
const laidOut = () => {
  const frame = () => {
    const root = document.getElementById('paypage');
    if (root && root.getClientRects().length) window.__laidOutAt = performance.now();
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
};
const started = (page) => page.evaluate(() => Object.fromEntries(performance.getEntriesByType('resource')
  .filter((e) => e.name.includes('/api/order/'))
  .map((e) => [e.name.replace(/^.*\//, '').replace(/\?.*/, ''), { start: Math.round(e.startTime), end: Math.round(e.responseEnd) }])));

// The hold's own timer (boot.js's HOLD_MS) kept from firing, so info's answer alone can end the
// hold however busy the machine is: the order is checked every time.
const holdTimerOff = () => {
  const setTimeout0 = window.setTimeout;
  window.setTimeout = function (f, ms) {
    if (ms === 400 && !window.__holdTimerOff) {
      window.__holdTimerOff = true;
      return setTimeout0.call(window, () => {}, 0);
    }
    return setTimeout0.apply(window, arguments);
  };
};

test('the first screen is laid out once info has sent the next calls', async () => {
  const id = await createOrder('pending', { overrides: { is_auto_open: 0 } });
  const init = async (page) => {
    await page.addInitScript(holdTimerOff);
    await page.addInitScript(laidOut);
  };
  await withPage(`${BASE}/pay/${id}`, { userAgent: PHONE, init }, async (p) => {
    await p.page.locator('#pp-first[data-painted]').waitFor({ timeout: 5000 });
    assert.ok(await p.page.evaluate(() => window.__holdTimerOff), 'the hold set its 400 ms timer');
    const at = await p.page.evaluate(() => window.__laidOutAt);
    const calls = await started(p.page);
    assert.ok(at !== undefined, 'laid out');
    assert.ok(at >= calls.qrcode.start, `laid out at ${Math.round(at)} ms, qrcode asked for at ${calls.qrcode.start} ms`);
    assert.ok(!(await p.page.evaluate(() => document.documentElement.classList.contains('pp-hold'))));
    p.assertHealthy();
  });
});

test('on a slow API the first screen shows without waiting for info', async () => {
  const id = await createOrder('slow');
  await withPage(`${BASE}/pay/${id}`, { userAgent: PHONE, init: (page) => page.addInitScript(laidOut) }, async (p) => {
    await p.page.waitForFunction(() => window.__laidOutAt !== undefined, null, { timeout: 10000 });
    const at = await p.page.evaluate(() => window.__laidOutAt);
    await p.page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/api/order/info') && e.responseEnd > 0), null, { timeout: 15000 });
    const calls = await started(p.page);
    assert.ok(at < calls.info.end, `laid out at ${Math.round(at)} ms, before info answered at ${calls.info.end} ms`);
    // The hold is 400 ms from the boot script (when info left); 1 s of margin for a busy machine.
    assert.ok(at - calls.info.start < 1400, `laid out ${Math.round(at - calls.info.start)} ms after info left`);
    assert.ok(await p.page.locator('.pp-amount-value').isVisible(), 'the amount is on screen');
  });
});

test('a dead order paints nothing early and calls nothing but info', async () => {
  const id = await createOrder('closed');
  await withPage(`${BASE}/pay/${id}`, { userAgent: PHONE }, async (p) => {
    await p.page.locator('[data-phase="closed"]').waitFor({ timeout: 15000 });
    assert.equal(await p.page.locator('#pp-first[data-painted]').count(), 0);
    p.assertHealthy();
    assert.deepEqual(endpoints(await apiLog(id)), ['info']);
  });
});

test("a tap on the first paint's app link is the customer's own opening of the app: recorded for the app, storage failures ignored", async () => {
  for (const refused of [false, true]) {
    const id = await createOrder('pending', { overrides: { is_auto_open: 0 } });
    await withPage(`${BASE}/pay/${id}`, {
      userAgent: PHONE,
      init: async (page) => {
        await page.addInitScript((refuse) => {
          // The app link's navigation is not followed here (no app to open).
          document.addEventListener('click', (e) => e.preventDefault(), true);
          if (refuse) Storage.prototype.setItem = () => { throw new DOMException('quota', 'QuotaExceededError'); };
        }, refused);
        await page.route(fileUrl('paypage.js'), async (route) => { await new Promise((r) => { globalThis.__release = r; }); await route.continue(); });
      },
    }, async (p) => {
      await p.page.locator('#pp-first[data-painted="code link"]').waitFor({ timeout: 5000 });
      assert.equal(await p.page.evaluate((k) => sessionStorage.getItem(k), `paypage-app-opened:${id}`), null, 'nothing before the tap');
      await p.page.click('#pp-first-open-app');
      const stored = await p.page.evaluate((k) => sessionStorage.getItem(k), `paypage-app-opened:${id}`);
      assert.equal(stored, refused ? null : '1', refused ? 'storage refused' : 'the tap is recorded under the order id');
      globalThis.__release();
      await p.page.locator('#pp-pending').waitFor({ timeout: 20000 });
      p.assertHealthy();
    });
  }
});
