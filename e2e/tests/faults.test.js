// Faults: HTTP 500, timeouts, invalid JSON, HTML error pages, a flaky API, latency, and the API
// unreachable for 30 s. The page stays alive, says it is reconnecting, recovers by itself, and
// logs no uncaught error or panic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, createOrder, act, setFaults } from '../lib/host.js';
import { PayPage, withPage } from '../lib/pay_page.js';

for (const scenario of ['http500', 'invalid_json', 'html_error', 'wrong_types']) {
  test(`status answers ${scenario}: reconnecting, QR still shown, no error`, async () => {
    const id = await createOrder(scenario);
    await withPage(`${BASE}/pay/${id}`, async (p) => {
      await p.visible('#pp-reconnecting');
      await p.visible('#pp-qr-code');
      p.assertHealthy();
    });
  });
}

test('errors then recovery: reconnecting, then back to normal by itself', async () => {
  const id = await createOrder('pending', { faults: { error_rate: 1 } });
  await withPage(`${BASE}/pay/${id}`, { init: (page) => page.clock.install({ time: Date.now() }) }, async (p) => {
    await p.visible('#pp-qr-code').catch(() => {});
    await p.visible('#pp-unavailable, #pp-reconnecting');
    await fetch(`${BASE}/__dev/orders/${id}/faults`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    for (let i = 0; i < 40 && await p.page.locator('#pp-qr-code').count() === 0; i++) {
      await p.page.clock.runFor(2000);
      await p.page.waitForTimeout(50);
    }
    await p.visible('#pp-qr-code');
    for (let i = 0; i < 40 && await p.page.locator('#pp-reconnecting').count() > 0; i++) {
      await p.page.clock.runFor(2000);
      await p.page.waitForTimeout(50);
    }
    assert.equal(await p.page.locator('#pp-reconnecting').count(), 0);
    p.assertHealthy();
  });
});

test('a request that hangs is aborted by the timeout and retried', async () => {
  const id = await createOrder('pending');
  await withPage(`${BASE}/pay/${id}`, { init: (page) => page.clock.install({ time: Date.now() }) }, async (p) => {
    await p.visible('#pp-qr-code');
    await fetch(`${BASE}/__dev/orders/${id}/faults`, { method: 'POST', body: '{"timeout_rate":1}', headers: { 'content-type': 'application/json' } });
    for (let i = 0; i < 20 && await p.page.locator('#pp-reconnecting').count() === 0; i++) {
      await p.page.clock.runFor(2000);
      await p.page.waitForTimeout(50);
    }
    await p.visible('#pp-reconnecting');
    p.assertHealthy();
  });
});

test('flaky status (half fail) still sees the payment', async () => {
  const id = await createOrder('flaky', { overrides: { pay_payed_wait_time: 600 } });
  // The page's own clock: a run of failures backs off towards 30 s between checks, which in
  // real time made this test depend on how the dev host's dice fell.
  await withPage(`${BASE}/pay/${id}`, { init: (page) => page.clock.install({ time: Date.now() }) }, async (p) => {
    await p.visible('#pp-qr-code');
    await act(id, 'pay');
    for (let i = 0; i < 90 && await p.page.locator('[data-phase="paid"]').count() === 0; i++) {
      await p.page.clock.runFor(2000);
      await p.page.waitForTimeout(60);
    }
    await p.phase('paid');
    p.assertHealthy();
  });
});

test('2 s latency per call: the amount shows while loading, then the QR', async () => {
  const id = await createOrder('slow');
  await withPage(`${BASE}/pay/${id}`, async (p) => {
    await p.visible('#pp-first-screen');
    assert.match(await p.text('#pp-first-screen'), /¥10\.00/, 'the injected amount is shown before info answers');
    await p.visible('#pp-qr-code', 15000);
    p.assertHealthy();
  });
});

test('the API unreachable for 30 s, then back: the page recovers by itself', async () => {
  const id = await createOrder('pending', { overrides: { pay_payed_wait_time: 600 } });
  const p = await PayPage.open(`${BASE}/pay/${id}`);
  try {
    await p.visible('#pp-qr-code');
    await setFaults({ down_for_secs: 30 });
    await p.visible('#pp-reconnecting', 10000);
    await act(id, 'pay');
    await p.phase('paid', 70000);
    p.assertHealthy();
  } finally {
    await setFaults({});
    await p.close();
  }
});
