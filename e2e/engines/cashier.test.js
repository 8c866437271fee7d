// The cashier flow in this engine (PAYPAGE_ENGINE): an order without a pay type goes from the pay
// page to its separate page, the customer chooses, and the pay page shows a QR code that scans.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, createOrder, apiLog } from '../lib/host.js';
import { withSession } from '../lib/webdriver.js';
import { decodeQr } from './qr.js';

test('no pay type: pay page → choice → chose-type → pay page with a QR that decodes; no qrcode call before the choice', async () => {
  const id = await createOrder('cashier');
  const enc = encodeURIComponent(id);
  await withSession(async (s) => {
    await s.goto(`${BASE}/pay/${id}`);
    await s.waitUrl((u) => new URL(u).pathname === `/pay/separate/${enc}`);
    await s.visible('#pp-pay-types');
    assert.equal(await s.count('input[name=pay_type]:checked'), 1);
    const before = (await apiLog(id)).map((e) => e.path);
    assert.equal(before[0], '/api/order/info');
    assert.ok(!before.includes('/api/order/qrcode'), `no qrcode before the choice: ${before}`);
    const values = await s.eval(() => [...document.querySelectorAll('input[name=pay_type]')].map((e) => e.value));
    assert.ok(values.length >= 2, `types: ${values}`);
    // The second type, clicked through its label as a customer would.
    await s.click('#pp-type-1');
    assert.equal(await s.eval(() => document.querySelector('input[name=pay_type]:checked').value), values[1]);
    await s.click('#pp-choose');
    await s.waitUrl((u) => new URL(u).pathname === `/pay/${enc}`);
    await s.visible('#pp-qr-code');
    const decoded = decodeQr(await s.pixels('#pp-qr-code'));
    const log = (await apiLog(id)).map((e) => e.path);
    assert.ok(log.indexOf('/api/order/qrcode') > log.indexOf('/api/order/chose-type'), `${log}`);
    assert.equal(log.filter((p) => p === '/api/order/chose-type').length, 1);
    // The code on screen is this order's, for the type chosen: what the dev host answers it now.
    const answer = await (await fetch(`${BASE}/api/order/qrcode?_time=${Date.now()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ order_id: id }),
    })).json();
    assert.ok(answer.data && answer.data.qrcode, `the order's qrcode answer: ${JSON.stringify(answer)}`);
    assert.equal(decoded, answer.data.qrcode, 'the QR decodes to this order\'s code');
    await s.assertHealthy();
  });
});
