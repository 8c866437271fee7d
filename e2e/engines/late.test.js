// Late paths in this engine (PAYPAGE_ENGINE): paid after the countdown ended, an app opened by a
// scheme-only jump, status codes the page does not know. Each ends in success and exactly one
// return to the merchant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, createOrder, act, apiLog, endpoints, returnCount, count, untilLog, statusCallsAtLeast } from '../lib/host.js';
import { withSession } from '../lib/webdriver.js';

const returnPage = (id) => `${BASE}/__dev/return/${id}`;

/** The phase of the first final screen, once one shows. */
function finalPhase(s, timeout) {
  return s.until(() => {
    const el = document.querySelector('[data-phase="paid"], [data-phase="expired"], [data-phase="closed"], [data-phase="failed"], [data-phase="unavailable"]');
    return el && el.getAttribute('data-phase');
  }, { timeout, what: 'a final screen' });
}


/** The merchant page loaded, exactly once. */
async function assertOneReturn(s, id) {
  await s.waitUrl((u) => u === returnPage(id), 15000);
  // The merchant page stands (loaded, not replaced): the pay page is gone, nothing can follow.
  await s.until(() => document.readyState === 'complete', { what: 'the merchant page loaded' });
  assert.equal(await returnCount(id), 1, 'the merchant page was loaded exactly once');
}

test('paid after the countdown ended: "checking", polls on, then success and one return', async () => {
  // The server still says pending after the countdown (its late window); the payment lands only
  // once the page has had a pending answer after the countdown.
  const id = await createOrder('paid_after_expiry', { expires_in: 5, pays_after: 600, overrides: { pay_payed_wait_time: 1 } });
  await withSession(async (s) => {
    await s.goto(`${BASE}/pay/${id}`);
    await s.visible('#pp-qr-code');
    await s.until(() => document.querySelector('#pp-checking, [data-phase="expired"]'), { timeout: 15000, what: 'the checking banner (or expired)' });
    assert.equal(await s.count('[data-phase="expired"]'), 0, 'expired as soon as the countdown ended');
    await s.visible('#pp-checking');
    const overtimeFrom = Date.now();
    await untilLog(id, (log) => log.some((e) => e.path.endsWith('/status') && e.at_ms > overtimeFrom + 1000), 'a status call after the countdown ended');
    assert.equal(await s.eval(() => document.querySelector('[data-phase]').getAttribute('data-phase')), 'pending', 'still pending after the countdown');
    await act(id, 'pay');
    assert.equal(await finalPhase(s, 15000), 'paid', 'the late payment was seen, not "expired"');
    await s.assertHealthy();
    await assertOneReturn(s, id);
  });
});

test('scheme-only jump: the app link offered, the page stays and polls, paid → one return', async () => {
  const id = await createOrder('jump_scheme_paid', { pays_after: 600 });
  await withSession(async (s) => {
    const page = `${BASE}/pay/${id}`;
    await s.goto(page);
    // No app handles alipays:// in a test browser: the page opened it and must live on (an engine
    // that shows its own error page instead has lost the order's page).
    await s.until((url) => document.querySelector('#pp-jump-app') || location.href !== url, { what: 'the app-opened state, or the page gone' }, page);
    assert.equal(await s.url(), page, 'opening the app link left the pay page');
    await s.visible('#pp-jump-app');
    assert.equal(await s.attr('#pp-open-app', 'href'), 'alipays://platformapi/startapp?saId=10000007');
    await statusCallsAtLeast(id, 2);
    assert.equal(await s.url(), page);
    await act(id, 'pay');
    assert.equal(await finalPhase(s, 15000), 'paid');
    await s.assertHealthy();
    await assertOneReturn(s, id);
    const log = await apiLog(id);
    assert.equal(count(log, 'qrcode'), 1, `qrcode asked once: ${endpoints(log)}`);
    assert.equal(count(log, 'info'), 1, `info asked once: ${endpoints(log)}`);
  });
});

test('unknown status codes, then paid: the order never ended early; success and one return', async () => {
  const id = await createOrder('unknown_status', { pays_after: 600, overrides: { pay_payed_wait_time: 1 } });
  await withSession(async (s) => {
    await s.goto(`${BASE}/pay/${id}`);
    await s.visible('#pp-qr-code');
    await statusCallsAtLeast(id, 2); // 7, then 0
    assert.equal(await s.eval(() => document.querySelector('[data-phase]').getAttribute('data-phase')), 'pending', 'an unknown code is not an ending');
    await act(id, 'pay');
    assert.equal(await finalPhase(s, 30000), 'paid');
    await s.assertHealthy(); // the warnings are not errors
    await assertOneReturn(s, id);
  });
});
