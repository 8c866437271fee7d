// The late, odd and unlucky paths of a payment on the release build: paid after the countdown
// ended, an app opened by a scheme-only jump, status codes the page does not know, redirects and
// return_uri back to the page itself, the status page's calls, an amount that disagrees with the
// page's, a server's QR picture beside the payload, the channel's own amount, "I have paid", and
// the way back to the merchant from a closed order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, createOrder, act, apiLog, endpoints, returnCount, count, untilLog, statusCallsAtLeast } from '../lib/host.js';
import { withPage, afterStatusPolls } from '../lib/pay_page.js';

const statusCalls = async (id) => count(await apiLog(id), 'status');

const returnPage = (id) => `${BASE}/__dev/return/${id}`;

/** Waits for the first final screen and returns its phase. */
async function finalPhase(p, timeout) {
  const final = p.page.locator('[data-phase="paid"], [data-phase="expired"], [data-phase="closed"], [data-phase="failed"], [data-phase="unavailable"]');
  await final.first().waitFor({ timeout });
  return final.first().getAttribute('data-phase');
}

/**
 * Waits until the merchant page has loaded (its load event: the navigation was not replaced by
 * another), then checks `/__dev/returns/<id>` counted it once. Once that page stands, the pay
 * page is gone: no timer of it can send a second return.
 */
async function assertOneReturn(p, id) {
  await p.page.waitForURL(returnPage(id), { timeout: 15000, waitUntil: 'load' });
  assert.equal(await returnCount(id), 1, 'the merchant page was loaded exactly once');
  assert.equal(p.navigations.filter((u) => u === returnPage(id)).length, 1, `navigations: ${p.navigations}`);
}

test('paid after the countdown ended: "checking" banner, polls on, then success and one return', async () => {
  // The countdown ends at 5 s; the server still says pending (its late-notification window).
  // The payment lands only once the page has had a pending answer after the countdown.
  const id = await createOrder('paid_after_expiry', { expires_in: 5, pays_after: 600, overrides: { pay_payed_wait_time: 1 } });
  await withPage(`${BASE}/pay/${id}`, async (p) => {
    await p.visible('#pp-qr-code');
    await p.page.locator('#pp-checking, [data-phase="expired"]').first().waitFor({ timeout: 15000 });
    assert.equal(await p.page.locator('[data-phase="expired"]').count(), 0, 'expired as soon as the countdown ended');
    await p.visible('#pp-checking');
    const overtimeFrom = Date.now();
    assert.match(await p.text('#pp-checking'), /正在确认是否已收到付款/);
    // The check at the countdown's end said pending; the page asks again (5 s later), still
    // pending: then the payment arrives.
    await untilLog(id, (log) => log.some((e) => e.path.endsWith('/status') && e.at_ms > overtimeFrom + 1000), 'a status call after the countdown ended');
    assert.equal(await p.page.getAttribute('[data-phase]', 'data-phase'), 'pending', 'still pending after the countdown');
    await act(id, 'pay');
    assert.equal(await finalPhase(p, 15000), 'paid', 'the late payment was seen, not "expired"');
    p.assertHealthy();
    await assertOneReturn(p, id);
    // After the countdown the page checks slower (>= 5 s apart), not every 2 s.
    const late = (await apiLog(id)).filter((e) => e.path.endsWith('/status') && e.at_ms >= overtimeFrom);
    for (let i = 1; i < late.length; i++) {
      const gap = late[i].at_ms - late[i - 1].at_ms;
      assert.ok(gap >= 4800, `status calls ${gap} ms apart after the countdown`);
    }
  });
});

test('scheme-only jump: the app link opened, the page stays and polls, paid → one return, one qrcode call', async () => {
  const scheme = 'alipays://platformapi/startapp?saId=10000007';
  const id = await createOrder('jump_scheme_paid', { pays_after: 600 });
  await withPage(`${BASE}/pay/${id}`, async (p) => {
    await p.visible('#pp-jump-app');
    assert.equal(await p.page.getAttribute('#pp-open-app', 'href'), scheme);
    // Opening alipays:// goes nowhere in a test browser: the page lives on and keeps asking.
    await statusCallsAtLeast(id, 2);
    assert.equal(p.page.url(), `${BASE}/pay/${id}`, 'the page itself stays');
    await act(id, 'pay');
    assert.equal(await finalPhase(p, 15000), 'paid');
    p.assertHealthy();
    await assertOneReturn(p, id);
    const log = await apiLog(id);
    assert.equal(count(log, 'qrcode'), 1, `qrcode asked once, not in a loop: ${endpoints(log)}`);
    assert.equal(count(log, 'info'), 1, `info asked once: ${endpoints(log)}`);
  });
});

test('unknown status codes (7, 0) are failed polls with a console warning, then paid → success', async () => {
  const id = await createOrder('unknown_status', { pays_after: 600, overrides: { pay_payed_wait_time: 600 } });
  await withPage(`${BASE}/pay/${id}`, async (p) => {
    const warnings = [];
    p.page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await p.visible('#pp-qr-code');
    // Unknown answers went by without ending the order.
    await statusCallsAtLeast(id, 2);
    assert.equal(await p.page.getAttribute('[data-phase]', 'data-phase'), 'pending', 'an unknown code is not an ending');
    await act(id, 'pay');
    assert.equal(await finalPhase(p, 30000), 'paid');
    assert.ok(warnings.some((w) => /code the page does not know/.test(w)), `a console warning: ${warnings}`);
    p.assertHealthy(); // warnings are not errors
  });
});

test('a redirect back to this order\'s pages is not followed: no reload loop, still paid and one return', async () => {
  const id = await createOrder('redirect_self', { pays_after: 600, overrides: { pay_payed_wait_time: 1 } });
  await withPage(`${BASE}/pay/${id}`, async (p) => {
    await p.visible('#pp-qr-code');
    // Status answers redirect to /pay/separate/<id> and /pay/status?order_id=<id> in turn.
    await statusCallsAtLeast(id, 2);
    assert.equal(p.page.url(), `${BASE}/pay/${id}`);
    assert.deepEqual(p.navigations, [`${BASE}/pay/${id}`], 'the page was loaded once');
    await act(id, 'pay');
    assert.equal(await finalPhase(p, 15000), 'paid');
    p.assertHealthy();
    const log = await apiLog(id);
    assert.equal(count(log, 'info'), 1, `one info, not repeated loads: ${endpoints(log)}`);
    assert.equal(count(log, 'qrcode'), 1, `one qrcode: ${endpoints(log)}`);
    await assertOneReturn(p, id);
  });
});

test('return_uri back to the pay page itself: no return by itself, offered as a link to tap', async () => {
  const id = await createOrder('return_self', { pays_after: 600, overrides: { pay_payed_wait_time: 1 } });
  await withPage(`${BASE}/pay/${id}`, async (p) => {
    await p.visible('#pp-qr-code');
    await act(id, 'pay');
    await p.phase('paid', 15000);
    // Not "unsafe": it would only reload this page; a tap is not a loop.
    await p.visible('#pp-merchant-link');
    assert.match(await p.page.getAttribute('#pp-merchant-link', 'href'), new RegExp(`/pay/${id}$`));
    assert.equal(await p.page.locator('#pp-return-refused, #pp-return-in').count(), 0);
    // Past the 1 s wait (two 2 s polls of another tab): nothing navigates.
    await afterStatusPolls(p, 2);
    assert.deepEqual(p.navigations, [`${BASE}/pay/${id}`]);
    assert.equal(count(await apiLog(id), 'info'), 1);
    assert.equal(await returnCount(id), 0);
    p.assertHealthy();
  });
});

test('the status page calls info and status only, never qrcode or audio', async () => {
  const id = await createOrder('audio');
  await withPage(`${BASE}/pay/status?order_id=${id}`, async (p) => {
    await p.visible('#pp-status-pending');
    await statusCallsAtLeast(id, 2);
    const log = endpoints(await apiLog(id));
    assert.ok(log.includes('info') && log.includes('status'), `${log}`);
    assert.deepEqual(log.filter((e) => e !== 'info' && e !== 'status'), [], `only info and status: ${log}`);
    assert.equal(await p.page.locator('#pp-qr').count(), 0);
    p.assertHealthy();
  });
});

test('an amount that disagrees with the page\'s: unreadable, no amount, no QR, only info', async () => {
  const id = await createOrder('amount_mismatch');
  await withPage(`${BASE}/pay/${id}`, async (p) => {
    await p.page.locator('#pp-unavailable[data-reason="unreadable"]').waitFor({ timeout: 10000 });
    // It asks info again by itself: that second info is the later event the checks wait for.
    await untilLog(id, (log) => count(log, 'info') >= 2, 'a second info call');
    assert.equal(await p.page.locator('#pp-amount').count(), 0, 'no amount shown');
    assert.equal(await p.page.locator('#pp-qr').count(), 0, 'no QR shown');
    const log = endpoints(await apiLog(id));
    assert.ok(log.length >= 2 && log.every((e) => e === 'info'), `only info calls: ${log}`);
    p.assertHealthy();
  });
});

for (const [scenario, payload] of [
  ['picture_url', 'https://qr.alipay.com/fkx15742tdtmcruhbwsv45b'],
  ['picture_url_wechat', 'wxp://f2f0dd2nT0ExampleWechatPayload'],
]) {
  test(`${scenario}: the payment payload is encoded, the server's picture never loaded`, async () => {
    const id = await createOrder(scenario);
    await withPage(`${BASE}/pay/${id}`, async (p) => {
      await p.visible('#pp-qr-code');
      assert.equal(await p.page.getAttribute('#pp-qr-code', 'data-source'), 'page');
      assert.equal(await p.page.getAttribute('#pp-qr-code', 'data-payload'), payload);
      // A while of the page's life (two status calls) for any late picture load.
      await statusCallsAtLeast(id, 2);
      const pictures = (await apiLog(id)).filter((e) => e.path.startsWith('/__dev/qr-picture/'));
      assert.deepEqual(pictures.map((e) => e.path), [], 'the picture URL was loaded');
      p.assertHealthy();
    });
  });
}

test('usdt: the channel\'s amount and account shown, the amount copied', async () => {
  const id = await createOrder('usdt');
  await withPage(`${BASE}/pay/${id}`, { permissions: ['clipboard-read', 'clipboard-write'] }, async (p) => {
    await p.visible('#pp-channel-amount');
    assert.equal(await p.text('#pp-channel-amount-value'), '1.43');
    assert.equal(await p.text('#pp-account-value'), 'TXYZ8devhostUSDTTrc2ExampLeAddr9kq');
    assert.match(await p.text('#pp-account'), /USDT-TRC20/);
    assert.match(await p.text('#pp-amount'), /¥10\.00/, 'the order\'s own amount stays');
    await p.page.click('#pp-copy-channel-amount');
    await p.page.waitForSelector('#pp-copy-channel-amount[data-state="copied"]');
    assert.equal(await p.page.evaluate(() => navigator.clipboard.readText()), '1.43');
    p.assertHealthy();
  });
});

test('"I have paid" on a pending order: one status call at once, "not yet", then a cooldown', async () => {
  const id = await createOrder('pending');
  // The page's own clock: no scheduled poll runs unless the test moves time, so the one extra
  // call is the button's.
  await withPage(`${BASE}/pay/${id}`, { init: (page) => page.clock.install({ time: Date.now() }) }, async (p) => {
    await p.visible('#pp-qr-code');
    await statusCallsAtLeast(id, 1);
    const before = await statusCalls(id);
    await p.page.click('#pp-check-now');
    await p.page.locator('#pp-check-result[data-found="not-yet"]').waitFor({ timeout: 5000 });
    assert.equal(await statusCalls(id), before + 1, 'exactly one more status call');
    assert.match(await p.text('#pp-check-result'), /\S/);
    assert.ok(await p.page.locator('#pp-check-now').isDisabled(), 'disabled right after a press');
    await p.page.clock.runFor(5500);
    await p.page.waitForFunction(() => !document.querySelector('#pp-check-now').disabled, null, { timeout: 3000 });
    p.assertHealthy();
  });
});

test('closed, expired, failed: a link back to the merchant when info gives return_uri', async () => {
  for (const scenario of ['closed', 'expired', 'failed']) {
    const id = await createOrder(scenario);
    const back = `/__dev/return/${id}`;
    // The dev host writes return_uri into info only once paid (as XArr does for its own), so the
    // answer is amended on its way to the page.
    const addReturnUri = (page) => page.route('**/api/order/info**', async (route) => {
      const r = await route.fetch();
      const body = await r.json();
      body.data.return_uri = back;
      await route.fulfill({ response: r, json: body });
    });
    await withPage(`${BASE}/pay/${id}`, { init: addReturnUri }, async (p) => {
      await p.phase(scenario);
      assert.equal(await p.page.getAttribute('#pp-merchant-link', 'href'), back, scenario);
      await p.page.click('#pp-merchant-link');
      await p.page.waitForURL(returnPage(id));
      assert.equal(await returnCount(id), 1, scenario);
      p.assertHealthy();
    });
  }
});
