// Countdown, expiry and polling cadence with Playwright's clock control instead of waiting; the
// template API's answers are released at the clock's ticks too (e2e/lib/clock.js), so the counts
// are of simulated time only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, createOrder, apiLog } from '../lib/host.js';
import { withPage } from '../lib/pay_page.js';
import { simulatedClock } from '../lib/clock.js';

const statusCalls = async (id) => (await apiLog(id)).filter((e) => e.path.endsWith('/status')).length;

test('countdown: mm:ss, expiring soon in the last minute; at zero the page keeps checking, slower, until the grace period ends, then expired', async () => {
  // Expires in 40 s (server side); the server keeps saying pending long after (a late window),
  // so "expired" here is the page's own decision at the end of its grace period (180 s).
  const id = await createOrder('expiring', { expiry_grace: 600 });
  await withPage(`${BASE}/pay/${id}`, { init: simulatedClock.init }, async (p) => {
    const clock = simulatedClock(p);
    await p.visible('#pp-countdown-time');
    // mm:ss of the 40 s the server gave (a loaded machine can take a few seconds to open the page).
    assert.match(await p.text('#pp-countdown-time'), /^00:(3\d|40)$/);
    await p.visible('#pp-expiring-soon');
    let before = await statusCalls(id);
    await clock.advance(42000, 2000);
    await p.visible('#pp-checking');
    assert.equal(await p.page.getAttribute('[data-phase]', 'data-phase'), 'pending', 'not expired at zero');
    assert.ok((await statusCalls(id)) > before, 'a check at zero');
    before = await statusCalls(id);
    await clock.advance(170000, 5000);
    const late = (await statusCalls(id)) - before;
    assert.equal(await p.page.getAttribute('[data-phase]', 'data-phase'), 'pending', 'still checking within the grace period');
    assert.equal(late, 34, 'status calls in 170 s of grace: every 5 s, not every 2 s');
    await clock.advance(15000, 5000);
    await p.phase('expired', 10000);
    p.assertHealthy();
  });
});

test('long expiry shows h:mm:ss', async () => {
  const id = await createOrder('long_expiry');
  await withPage(`${BASE}/pay/${id}`, async (p) => {
    await p.visible('#pp-countdown-time');
    assert.match(await p.text('#pp-countdown-time'), /^2:00:0\d$/);
    assert.equal(await p.page.locator('#pp-expiring-soon').count(), 0);
  });
});

test('visible: every 2 s; hidden: at most every 10 s; visible again: an immediate check', async () => {
  const id = await createOrder('pending');
  await withPage(`${BASE}/pay/${id}`, { init: simulatedClock.init }, async (p) => {
    const clock = simulatedClock(p);
    await p.visible('#pp-qr-code');
    await clock.settle();
    let start = await statusCalls(id);
    await clock.advance(30000);
    const visible = (await statusCalls(id)) - start;
    assert.equal(visible, 15, 'visible: calls in 30 s, every 2 s');

    await p.page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    });
    await clock.advance(2500);
    start = await statusCalls(id);
    await clock.advance(60000, 2000);
    const hidden = (await statusCalls(id)) - start;
    assert.equal(hidden, 6, 'hidden: calls in 60 s, every 10 s');

    start = await statusCalls(id);
    await p.page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    });
    // No tick: the check must start without any timer.
    await clock.settle();
    assert.equal((await statusCalls(id)) - start, 1, 'one immediate check on return');
    p.assertHealthy();
  });
});
