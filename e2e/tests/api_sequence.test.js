// The API call sequence the platform requires: info first; qrcode, audio and the first status call
// together; `_time` on every call; nothing after a dead order or a final state; never two status
// calls at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, createOrder, act, apiLog, endpoints, count as countOf, statusCallsAtLeast } from '../lib/host.js';
import { withPage, afterStatusPolls } from '../lib/pay_page.js';

test('qrcode, audio and the first status call start together, right after info', async () => {
  const id = await createOrder('audio', { faults: { latency_ms: 300 } });
  await withPage(`${BASE}/pay/${id}`, async (p) => {
    await p.visible('#pp-qr-code');
    const log = await apiLog(id);
    assert.equal(log[0].path, '/api/order/info');
    const next = log.slice(1, 4);
    assert.deepEqual(new Set(next.map((e) => e.path.split('/').pop())), new Set(['qrcode', 'audio', 'status']));
    const spread = Math.max(...next.map((e) => e.at_ms)) - Math.min(...next.map((e) => e.at_ms));
    // Chained calls would be >= 300 ms apart (the added latency); together they arrive at once.
    assert.ok(spread < 150, `the three calls were ${spread} ms apart`);
    assert.ok(next[0].at_ms - log[0].at_ms >= 250, 'and only after info answered');
    for (const e of log) assert.match(e.query, /^_time=\d{13}$/);
    // boot.js starts the calls early and the app takes them over: never twice.
    const count = (name) => endpoints(log).filter((e) => e === name).length;
    assert.equal(count('info'), 1);
    assert.equal(count('qrcode'), 1);
    assert.equal(count('audio'), 1);
    p.assertHealthy();
  });
});

test('no status call after the final state; never two at once', async () => {
  const id = await createOrder('pending', { faults: { latency_ms: 400 }, overrides: { pay_payed_wait_time: 600 } });
  await withPage(`${BASE}/pay/${id}`, async (p) => {
    await p.visible('#pp-qr-code');
    // Focus and visibility events while a status call is in flight must not start another.
    for (let i = 0; i < 5; i++) await p.page.evaluate(() => window.dispatchEvent(new Event('focus')));
    // The status calls those events could have doubled, and two more of the poll's after them.
    await statusCallsAtLeast(id, countOf(await apiLog(id), 'status') + 2);
    const statuses = (await apiLog(id)).filter((e) => e.path.endsWith('/status'));
    for (let i = 1; i < statuses.length; i++) {
      assert.ok(statuses[i].at_ms - statuses[i - 1].at_ms >= 350, 'two status calls overlapped');
    }
    await act(id, 'pay');
    await p.phase('paid');
    const count = (await apiLog(id)).length;
    // Two poll intervals of another tab's timers: a poll left running would have called by now.
    await afterStatusPolls(p, 2);
    assert.equal((await apiLog(id)).length, count, 'a call was made after the final state');
    p.assertHealthy();
  });
});

test('every dead order on load: its screen, and info is the only call', async () => {
  for (const [scenario, phase] of [['paid', 'paid'], ['closed', 'closed'], ['expired', 'expired'], ['failed', 'failed']]) {
    const id = await createOrder(scenario);
    await withPage(`${BASE}/pay/${id}`, async (p) => {
      await p.phase(phase);
      await afterStatusPolls(p, 2);
      assert.deepEqual(endpoints(await apiLog(id)), ['info'], scenario);
      p.assertHealthy();
    });
  }
});
