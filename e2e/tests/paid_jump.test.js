// Paid: exactly one navigation after the wait, "return now", none without an allowed return_uri.
// Jump: straight to the target through the URL policy, or a refusal message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, createOrder, act } from '../lib/host.js';
import { withPage, afterStatusPolls } from '../lib/pay_page.js';

test('"return to merchant now" navigates at once, exactly once', async () => {
  const id = await createOrder('pending', { overrides: { pay_payed_wait_time: 600 } });
  await withPage(`${BASE}/pay/${id}`, async (p) => {
    await p.visible('#pp-qr-code');
    await act(id, 'pay');
    await p.visible('#pp-return-now');
    assert.match(await p.text('#pp-return-in'), /(599|600) 秒后返回商户/);
    await p.page.click('#pp-return-now');
    // The merchant page stands (loaded, not replaced): nothing can follow.
    await p.page.waitForURL(`**/__dev/return/${id}`, { waitUntil: 'load' });
    assert.equal(p.navigations.filter((u) => u.includes('/__dev/return/')).length, 1);
  });
});

test('no navigation when return_uri is missing or refused', async () => {
  for (const [overrides, selector] of [[{ return_uri: null, pay_payed_wait_time: 1 }, '#pp-no-return'], [{ return_uri: 'javascript:window.__pwned=1', pay_payed_wait_time: 1 }, '#pp-return-refused']]) {
    const id = await createOrder('pending', { overrides });
    await withPage(`${BASE}/pay/${id}`, async (p) => {
      await p.visible('#pp-qr-code');
      const start = p.navigations.length;
      await act(id, 'pay');
      await p.visible(selector);
      await afterStatusPolls(p, 2); // past the 1 s wait
      assert.equal(p.navigations.length, start, `navigated: ${p.navigations}`);
      assert.equal(await p.page.evaluate(() => window.__pwned), undefined);
      p.assertHealthy();
    });
  }
});

test('jump: goes to uri at once; a refused target says so and stays', async () => {
  const id = await createOrder('jump');
  await withPage(`${BASE}/pay/${id}`, {
    init: (page) => page.context().route('https://openapi.alipay.example/**', (r) => r.fulfill({ body: '<h1 id="gateway">gateway</h1>', contentType: 'text/html' })),
  }, async (p) => {
    await p.page.waitForURL('https://openapi.alipay.example/gateway.do?x=1', { timeout: 10000 });
  });
  const id2 = await createOrder('jump_refused');
  await withPage(`${BASE}/pay/${id2}`, async (q) => {
    await q.visible('#pp-jump-refused');
    assert.equal(q.navigations.length, 1, 'only the page itself');
    assert.equal(await q.page.evaluate(() => window.__pwned), undefined);
  });
});
