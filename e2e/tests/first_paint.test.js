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

const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const PAYLOAD = 'https://qr.alipay.com/fkx15742tdtmcruhbwsv45b';
const QR = '#pp-qr-code, #pp-qr-image';

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
        await page.route('**/paypage.js', async (route) => { await new Promise((r) => { globalThis.__release = r; }); await route.continue(); });
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
        const seen = () => [...document.querySelectorAll('#pp-first-qr, #pp-qr-code, #pp-qr-image')].some((e) => e.getClientRects().length && e.complete && e.naturalWidth > 0);
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

test('the app starts only after the first paint, and its files do not delay the calls it needs', async () => {
  const id = await createOrder('pending', { overrides: { is_auto_open: 0 } });
  await withPage(`${BASE}/pay/${id}`, {
    userAgent: PHONE,
    init: async (page) => {
      await page.addInitScript(() => {
        new MutationObserver(() => {
          const now = performance.now();
          if (window.__paintAt === undefined && document.querySelector('#pp-first[data-painted]')) window.__paintAt = now;
          if (window.__appAt === undefined && document.getElementById('pp-app')) window.__appAt = now;
        }).observe(document, { subtree: true, attributes: true, childList: true });
      });
    },
  }, async (p) => {
    await p.page.locator('#pp-pending').waitFor({ timeout: 20000 });
    const { paintAt, appAt, starts } = await p.page.evaluate(() => ({
      paintAt: window.__paintAt,
      appAt: window.__appAt,
      starts: Object.fromEntries(performance.getEntriesByType('resource').map((e) => [e.name.replace(/^.*\//, '').replace(/\?.*/, ''), Math.round(e.startTime)])),
    }));
    assert.ok(paintAt !== undefined, 'painted early');
    assert.ok(appAt !== undefined && appAt >= paintAt, `the app mounted at ${Math.round(appAt)} ms, after the first paint at ${Math.round(paintAt)} ms`);
    // info leaves first; the app's files only after it.
    for (const file of ['paypage_bg.wasm', 'paypage.js', 'firstpaint.wasm']) {
      assert.ok(starts[file] >= starts.info, `${file} asked for at ${starts[file]} ms, info at ${starts.info} ms`);
    }
    p.assertHealthy();
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
