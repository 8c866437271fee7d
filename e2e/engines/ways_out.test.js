// Ways out of the page in this engine (PAYPAGE_ENGINE), issue 25: a jump refused by the tab's hop
// limit and then paid returns once; the merchant's return page with `pay` and its out_order_id in
// the path is followed once; an https app link with is_auto_open on a phone never unloads the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, createOrder, orderReturningToShopPay, act, returnCount, statusCallsAtLeast } from '../lib/host.js';
import { ENGINE, withSession } from '../lib/webdriver.js';
import { payOnPage } from './steps.js';

// A phone of this engine: iOS Safari in WebKit, Firefox for Android in Firefox.
const PHONE = ENGINE === 'webkit'
  ? 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'
  : 'Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0';

/** Waits for the merchant's page at `url`, naming what the paid screen said when it never comes. */
async function returnsTo(s, url, timeout = 15000) {
  try {
    await s.waitUrl((u) => u === url, timeout);
  } catch {
    const said = await s.eval(() => { const el = document.querySelector('#pp-paid'); return el ? el.innerText : '(no paid screen)'; }).catch(() => '?');
    assert.fail(`no return to ${url} within ${timeout} ms; the page (${await s.url()}) says: ${String(said).replace(/\s+/g, ' ')}`);
  }
  // Once the merchant's page is up, the pay page is gone: no second navigation can come from it.
  await s.visible('#merchant-return');
}

test('a jump refused by the hop limit, then paid: the return goes out once', async () => {
  const id = await createOrder('jump', { overrides: { pay_payed_wait_time: 2 } });
  await withSession(async (s) => {
    // The tab has already made three navigations for this order (sessionStorage is per tab and
    // origin: seeded from another page of the host).
    await s.goto(`${BASE}/__dev/return/seed-${id}`);
    await s.eval((key) => sessionStorage.setItem(key, `3:${Date.now()}`), `paypage-hops:${id}`);
    const page = `${BASE}/pay/${id}`;
    await s.goto(page);
    await s.visible('#pp-jump-refused');
    assert.equal(await s.url(), page);
    await act(id, 'pay');
    await s.phase('paid');
    await s.visible('#pp-return-in');
    await returnsTo(s, `${BASE}/__dev/return/${id}`);
    assert.equal(await returnCount(id), 1, 'the merchant page was loaded exactly once');
  });
});

test('the merchant\'s return page with `pay` and its out_order_id in the path is followed, once', async () => {
  const { id, merchant } = await orderReturningToShopPay({ is_auto_open: 0 });
  await withSession(async (s) => {
    await payOnPage(s, id);
    await returnsTo(s, merchant);
    assert.equal(await returnCount(id), 1, 'the merchant page was loaded exactly once');
  });
});

test('is_auto_open with an https app link on a phone: the page stays, the link is a button', async () => {
  // The "universal link" is a page of the host: opening it in the tab would be counted.
  const target = await createOrder('pending');
  const link = `${BASE}/__dev/return/${target}`;
  const id = await createOrder('pending', { qrcode_overrides: { scheme: link } }); // is_auto_open 1
  const page = `${BASE}/pay/${id}`;
  await withSession({ ua: PHONE }, async (s) => {
    await s.goto(page);
    // The page either leaves for the link (the bug) or lives on and keeps asking.
    await s.until((url) => document.querySelector('#pp-qr-code') || location.href !== url, { what: 'the code, or the page gone' }, page);
    await Promise.race([
      statusCallsAtLeast(id, 3),
      s.waitUrl((u) => u === link, 20000),
    ]);
    assert.equal(await s.url(), page, 'the tab left the pay page for the app link');
    assert.equal(await returnCount(target), 0, 'the app link was loaded in the tab');
    await s.visible('#pp-open-app');
    assert.equal(await s.attr('#pp-open-app', 'href'), link);
    await s.assertHealthy();
  });
});
