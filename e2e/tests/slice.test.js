// The first slice on the release build: info first, subject and amount shown, error envelopes
// shown, dead orders call nothing more; the theme works through an XArr-like host and as plain
// static files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, STATIC_BASE, createOrder, act, apiLog, endpoints } from '../lib/host.js';
import { withPage, afterStatusPolls } from '../lib/pay_page.js';

test('pending order: subject, amount and QR code; info first, _time on every call', async () => {
  const id = await createOrder('pending');
  await withPage(`${BASE}/pay/${id}`, async (p) => {
    await p.visible('#pp-qr-code');
    assert.equal(await p.text('#pp-subject'), '商品购买');
    assert.match(await p.text('#pp-amount'), /¥10\.00/);
    const log = await apiLog(id);
    assert.equal(endpoints(log)[0], 'info', 'info is the first call');
    for (const e of log) assert.match(e.query, /^_time=\d{13}$/);
    const rest = new Set(endpoints(log).slice(1, 4));
    assert.ok(rest.has('qrcode') && rest.has('status'), `qrcode and status follow: ${endpoints(log)}`);
    p.assertHealthy();
  });
});

test('the XArr host renders the theme: no ${ left, assets under templateAssets', async () => {
  const id = await createOrder('pending');
  const html = await (await fetch(`${BASE}/pay/${id}`)).text();
  assert.ok(!html.includes('${'), 'every template action was rendered');
  assert.match(html, /data-assets="\/templates\/pay\/paypage\/assets\/"/);
  assert.match(html, /data-inject-order-id="[^"]+"/);
  // One inline script, the boot script, first in <head> before the styles: the one the CSP hash
  // of boot-script.sha256 allows. No other script element.
  assert.equal((html.match(/<script\b/g) || []).length, 1, 'one script element');
  assert.ok(html.indexOf('<script>') < html.indexOf('<style>'), 'the boot script comes before the styles');
});

test('an error envelope shows its message; a dead order calls nothing more', async () => {
  await withPage(`${BASE}/pay/no_such_order_123`, async (p) => {
    await p.phase('not-found');
    assert.match(await p.text('#pp-server-message'), /订单不存在/);
  });
  const id = await createOrder('closed');
  await withPage(`${BASE}/pay/${id}`, async (q) => {
    await q.phase('closed');
    await afterStatusPolls(q, 2);
    assert.deepEqual(endpoints(await apiLog(id)), ['info']);
    q.assertHealthy();
  });
});

test('pending -> paid -> exactly one navigation to return_uri', async () => {
  const id = await createOrder('pending', { overrides: { pay_payed_wait_time: 1 } });
  await withPage(`${BASE}/pay/${id}`, async (p) => {
    await p.visible('#pp-qr-code');
    await act(id, 'pay');
    await p.phase('paid');
    await p.page.waitForURL(`**/__dev/return/${id}`, { timeout: 10000 });
    assert.match(await p.text('#merchant-return'), new RegExp(id));
    const returns = p.navigations.filter((u) => u.includes('/__dev/return/'));
    assert.equal(returns.length, 1, `navigations: ${p.navigations}`);
    p.assertHealthy();
  });
});

test('plain static hosting: the order id comes from the URL', { skip: !STATIC_BASE }, async () => {
  const id = await createOrder('pending', {}, STATIC_BASE);
  await withPage(`${STATIC_BASE}/pay/${id}`, async (p) => {
    await p.visible('#pp-qr-code');
    assert.match(await p.text('#pp-amount'), /¥10\.00/);
    assert.equal(await p.page.locator('.pp-boot-only:visible').count(), 0);
    p.assertHealthy();
  });
  await withPage(`${STATIC_BASE}/index.html?order_id=${id}`, async (q) => {
    await q.visible('#pp-qr-code');
  });
});
