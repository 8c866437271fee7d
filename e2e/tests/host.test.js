// The dev host as merchants and tests use it: the control panel drives an order and the page
// reacts; the theme works under a strict Content-Security-Policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, CSP_BASE, createOrder, act } from '../lib/host.js';
import { withPage } from '../lib/pay_page.js';

test('the control panel marks an order paid and the open page reacts', async () => {
  const id = await createOrder('pending', { overrides: { pay_payed_wait_time: 600 } });
  await withPage(`${BASE}/pay/${id}`, async (p) => {
    await p.visible('#pp-qr-code');
    const panel = await p.context.newPage();
    await panel.goto(`${BASE}/__dev/`);
    await panel.click(`tr[data-order="${id}"] button[data-action="pay"]`);
    await p.phase('paid');
    await panel.waitForSelector(`tr[data-order="${id}"] td[data-status="2"]`);
    await panel.waitForFunction((oid) => document.getElementById('log').textContent.includes(oid), id);
    p.assertHealthy();
  });
});

test('under a strict Content-Security-Policy with Trusted Types the whole flow still works, merchant tips and the copy fallback included', { skip: !CSP_BASE }, async () => {
  const id = await createOrder('tip_cover2', { overrides: { pay_payed_wait_time: 1 } }, CSP_BASE);
  await withPage(`${CSP_BASE}/pay/${id}`, {
    init: (page) => page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get: () => undefined });
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    }),
  }, async (p) => {
    const csp = (await p.page.context().request.get(`${CSP_BASE}/pay/${id}`)).headers()['content-security-policy'];
    // Inline: only the boot script and the theme's styles, each by its hash (boot-script.sha256,
    // main-style.sha256); nothing 'unsafe-inline'.
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]+=*';/);
    assert.match(csp, /style-src 'self' 'sha256-[A-Za-z0-9+/]+=*';/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(csp, /require-trusted-types-for 'script'; trusted-types paypage/);
    // The browser really enforces Trusted Types under this header: a plain string written as HTML
    // is refused (tried in a second tab, whose refusal is reported there, not here).
    const probe = await p.context.newPage();
    await probe.goto(`${CSP_BASE}/pay/${id}`);
    const enforced = await probe.evaluate(() => {
      try { document.createElement('div').innerHTML = '<b>x</b>'; return false; } catch (e) { return e instanceof TypeError; }
    });
    await probe.close();
    assert.ok(enforced, 'the browser enforces Trusted Types on this page');
    await p.visible('#pp-qr-code');
    await p.visible('#pp-tips .pp-tip');
    // The merchant's tips went through the sanitizer (the page's one Trusted Types policy).
    assert.match(await p.page.innerHTML('#pp-tips'), /<b>/);
    // The copy fallback (no async clipboard here) works without an inline style.
    await p.page.click('#pp-copy-amount');
    await p.page.waitForSelector('#pp-copy-amount[data-state="copied"]');
    await act(id, 'pay', CSP_BASE);
    await p.phase('paid');
    assert.deepEqual(await p.page.evaluate(() => window.__violations), []);
    await p.page.waitForURL(`**/__dev/return/${id}`, { timeout: 10000 });
    p.assertHealthy();
  });
});
