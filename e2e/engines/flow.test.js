// The order's flow in this engine (PAYPAGE_ENGINE): the QR a phone can scan, the countdown, paid
// → one return, every dead state from info alone, `type: jump`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, createOrder, apiLog, endpoints, returnCount } from '../lib/host.js';
import { withSession } from '../lib/webdriver.js';
import { payOnPage } from './steps.js';
import { decodeQr } from './qr.js';

test('pending: the painted QR scans to the order\'s payment link; subject, amount, countdown ticking', async () => {
  const id = await createOrder('pending');
  await withSession(async (s) => {
    await s.goto(`${BASE}/pay/${id}`);
    await s.visible('#pp-qr-code');
    assert.equal(decodeQr(await s.pixels('#pp-qr-code')), 'https://qr.alipay.com/fkx15742tdtmcruhbwsv45b');
    assert.equal(await s.text('#pp-subject'), '商品购买');
    assert.match(await s.text('#pp-amount'), /¥10\.00/);
    const first = await s.text('#pp-countdown-time');
    assert.match(first, /0[45]:\d\d/);
    await s.until((before) => document.querySelector('#pp-countdown-time').textContent !== before, { timeout: 4000, what: 'the countdown to tick' }, await s.eval(() => document.querySelector('#pp-countdown-time').textContent));
    const sizes = await s.eval(() => {
      const r = document.querySelector('#pp-qr-code').getBoundingClientRect();
      return { qr: r.width, overflow: document.documentElement.scrollWidth - window.innerWidth, width: window.innerWidth };
    });
    console.log(`# ${s.browserVersion}: viewport ${sizes.width} CSS px wide`);
    // As narrow as each engine's window gets: 447 CSS px in WebKitGTK's MiniBrowser (its toolbar),
    // 500 in Firefox (its minimum window); a large phone is 430.
    assert.ok(sizes.width <= 500, `a phone-sized window, not ${sizes.width}px`);
    assert.ok(sizes.qr >= 200, `QR ${sizes.qr}px wide`);
    assert.ok(sizes.overflow <= 0, `horizontal overflow ${sizes.overflow}px at ${sizes.width}px`);
    await s.assertHealthy();
  });
});

test('paid: the success screen, then exactly one navigation to return_uri', async () => {
  const id = await createOrder('pending', { overrides: { pay_payed_wait_time: 1 } });
  await withSession(async (s) => {
    await payOnPage(s, id);
    await s.waitUrl((u) => u.endsWith(`/__dev/return/${id}`));
    assert.match(await s.text('#merchant-return'), new RegExp(id));
    // The merchant page stands (loaded, not replaced): the pay page is gone, nothing can follow.
    await s.until(() => document.readyState === 'complete', { what: 'the merchant page loaded' });
    assert.equal(await returnCount(id), 1, 'the merchant page was loaded once');
  });
});

test('dead orders: the final state from info alone, and no other call', async () => {
  await withSession(async (s) => {
    for (const [scenario, phase] of [['paid', 'paid'], ['closed', 'closed'], ['expired', 'expired'], ['failed', 'failed'], ['not_found', 'not-found']]) {
      const id = await createOrder(scenario);
      await s.goto(`${BASE}/pay/${id}`);
      await s.phase(phase);
      await s.afterStatusPolls(2);
      assert.deepEqual(endpoints(await apiLog(id)), ['info'], scenario);
      await s.assertHealthy();
    }
  });
});

test('type jump: straight to the target; a refused target says so and stays', async () => {
  const id = await createOrder('jump');
  const target = `${BASE}/__dev/return/${id}`;
  const id2 = await createOrder('jump', { qrcode_overrides: { uri: target } });
  await withSession(async (s) => {
    await s.goto(`${BASE}/pay/${id2}`);
    await s.waitUrl((u) => u === target);
    await s.until(() => document.readyState === 'complete', { what: 'the target loaded' });
    assert.equal(await returnCount(id), 1);
    const refused = await createOrder('jump_refused');
    await s.goto(`${BASE}/pay/${refused}`);
    await s.visible('#pp-jump-refused');
    assert.equal(await s.url(), `${BASE}/pay/${refused}`);
    await s.assertHealthy();
  });
});
