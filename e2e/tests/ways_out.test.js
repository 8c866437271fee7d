// Every way out of the page (issue 25): a refused navigation is not the page's one navigation
// (a jump refused by the hop limit, then paid: one return; a refused way on: Retry works); the
// merchant's return page with `pay` in its path is followed, this order's own page only offered
// as a link; app links never unload the page and open at most once per order and tab; expiry is
// the server's word (a failed call after the grace period is not a verdict); the countdown is
// anchored to the page's arrival; the return countdown has one deadline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, createOrder, orderReturningToShopPay, act, apiLog, endpoints, returnCount, count, untilLog, statusCallsAtLeast, orderOf, setOrderFaults } from '../lib/host.js';
import { withPage, paypageAttributes, appOpens } from '../lib/pay_page.js';

const PHONE = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';
const GATEWAY = 'https://openapi.alipay.example/gateway.do?x=1';
const routeGateway = (page) => page.context().route('https://openapi.alipay.example/**', (r) => r.fulfill({ body: '<h1 id="gateway">gateway</h1>', contentType: 'text/html' }));
const returnPage = (id) => `${BASE}/__dev/return/${id}`;

/** Waits until the page has gone to `url`, failing with what the paid screen said instead. */
async function returnsTo(p, url, timeout = 15000) {
  try {
    await p.page.waitForURL(url, { timeout });
  } catch {
    const said = await p.page.locator('#pp-paid').innerText().catch(() => '(no paid screen)');
    assert.fail(`no return to ${url} within ${timeout} ms; the page (${p.page.url()}) says: ${said.replace(/\s+/g, ' ')}`);
  }
  // The pay page is gone: no second navigation can come from it once the merchant's page is up.
  await p.page.locator('#merchant-return').waitFor();
}

/** Seeds the tab's hop record of `id` as if the page had already navigated three times just now. */
const seedHops = (id) => (page) => page.addInitScript((key) => {
  if (!sessionStorage.getItem(key)) sessionStorage.setItem(key, `3:${Date.now()}`);
}, `paypage-hops:${id}`);

test('a jump refused by the hop limit (4th load in 2 min), then paid: the return counts down and goes out once', async () => {
  const id = await createOrder('jump', { overrides: { pay_payed_wait_time: 2 } });
  const page = `${BASE}/pay/${id}`;
  await withPage(page, { init: routeGateway }, async (p) => {
    // Three loads of the order jump to the provider (the customer comes back each time).
    await p.page.waitForURL(GATEWAY, { timeout: 10000 });
    for (let i = 0; i < 2; i++) {
      await p.page.goto(page);
      await p.page.waitForURL(GATEWAY, { timeout: 10000 });
    }
    // The 4th: the tab's hop limit refuses the jump.
    await p.page.goto(page);
    await p.visible('#pp-jump-refused');
    assert.equal(p.page.url(), page);
    await act(id, 'pay');
    await p.phase('paid');
    await p.visible('#pp-return-in');
    assert.match(await p.text('#pp-return-in'), /[12] 秒后返回商户/);
    await returnsTo(p, returnPage(id));
    assert.equal(await returnCount(id), 1, 'the merchant page was loaded exactly once');
    p.assertHealthy();
  });
});

test('a way on refused by the hop limit (the cashier flow to /pay/separate): unavailable, Retry asks info again and goes on', async () => {
  const id = await createOrder('cashier');
  await withPage(`${BASE}/pay/${id}`, { init: seedHops(id) }, async (p) => {
    await p.phase('unavailable');
    await p.visible('#pp-retry');
    const infos = count(await apiLog(id), 'info');
    await p.page.click('#pp-retry');
    await untilLog(id, (log) => count(log, 'info') > infos, 'a new info call after Retry', 5000);
    // The customer's tap is not counted by the hop limit: the way on goes out.
    await p.page.waitForURL(`${BASE}/pay/separate/${id}`, { timeout: 10000 });
    p.assertHealthy();
  });
});

test('the merchant\'s return page with `pay` and its out_order_id in the path is followed, once', async () => {
  const { id, merchant } = await orderReturningToShopPay();
  await withPage(`${BASE}/pay/${id}`, async (p) => {
    await p.visible('#pp-qr-code');
    await act(id, 'pay');
    await p.phase('paid');
    await returnsTo(p, merchant);
    assert.equal(await returnCount(id), 1, 'the merchant page was loaded exactly once');
    p.assertHealthy();
  });
});

test('return_uri that is this order\'s own pay page: not followed, but offered as the merchant link; a tap loads it once', async () => {
  const id = await createOrder('return_self', { pays_after: 600, overrides: { pay_payed_wait_time: 0 } });
  const page = `${BASE}/pay/${id}`;
  await withPage(page, async (p) => {
    await p.visible('#pp-qr-code');
    await act(id, 'pay');
    await p.phase('paid');
    await p.page.locator('a#pp-merchant-link').waitFor({ timeout: 5000 });
    assert.equal(await p.page.getAttribute('a#pp-merchant-link', 'href'), `/pay/${id}`);
    // The tap is the customer's: it loads the page (paid again), and nothing else does.
    await p.page.click('a#pp-merchant-link');
    await untilLog(id, (log) => count(log, 'info') >= 2, 'the reloaded page\'s info call');
    await p.phase('paid');
    await p.page.locator('a#pp-merchant-link').waitFor({ timeout: 5000 });
    assert.deepEqual(p.navigations, [page, page], 'loaded by the first visit and the tap only');
    assert.equal(count(await apiLog(id), 'info'), 2);
    p.assertHealthy();
  });
});

test('is_auto_open with an https universal link on a phone: the page does not navigate, the link is a button', async () => {
  const link = 'https://app-link.example/open?order=1';
  const id = await createOrder('pending', { qrcode_overrides: { scheme: link } });
  const page = `${BASE}/pay/${id}`;
  const routeLink = (pg) => pg.context().route('https://app-link.example/**', (r) => r.fulfill({ body: 'app', contentType: 'text/html' }));
  await withPage(page, { userAgent: PHONE, init: routeLink }, async (p) => {
    // Either the tab leaves for the link (the bug) or the page lives on and keeps asking.
    const left = p.page.waitForURL(link, { timeout: 20000 }).then(() => 'left');
    const stayed = p.visible('#pp-qr-code').then(() => statusCallsAtLeast(id, 3)).then(() => 'stayed');
    const outcome = await Promise.race([left, stayed]);
    assert.equal(outcome, 'stayed', `the tab went to ${p.page.url()}`);
    assert.equal(p.page.url(), page, 'the pay page itself stays');
    assert.deepEqual(p.navigations, [page]);
    await p.visible('#pp-open-app');
    assert.equal(await p.page.getAttribute('#pp-open-app', 'href'), link);
    p.assertHealthy();
  });
});

test('an app scheme opens by itself at most once per order and tab: not again after a reload', async () => {
  const id = await createOrder('pending'); // is_auto_open 1, scheme alipays://…
  await withPage('about:blank', { userAgent: PHONE }, async (p) => {
    const opens = await appOpens(p);
    await p.page.goto(`${BASE}/pay/${id}`);
    await p.visible('#pp-open-app');
    await statusCallsAtLeast(id, 1);
    await opens.atLeast(1);
    const before = count(await apiLog(id), 'status');
    await p.page.reload();
    await p.visible('#pp-open-app');
    // A while of the reloaded page's life: two of its own status calls.
    await statusCallsAtLeast(id, before + 2);
    assert.deepEqual(opens(), [await p.page.getAttribute('#pp-open-app', 'href')], 'opened once, not again after the reload');
    p.assertHealthy();
  });
});

test('a tap on the first paint\'s open-app link is the once: the app does not open it again', async () => {
  const id = await createOrder('pending', { faults: { app_delay_ms: 3000 } }); // is_auto_open 1
  await withPage('about:blank', { userAgent: PHONE }, async (p) => {
    const opens = await appOpens(p);
    await p.page.goto(`${BASE}/pay/${id}`);
    await p.visible('#pp-first-open-app');
    await p.page.click('#pp-first-open-app');
    await opens.atLeast(1);
    // The app takes over, and lives a while (two status calls after the takeover).
    await p.visible('#pp-open-app', 15000);
    const before = count(await apiLog(id), 'status');
    await statusCallsAtLeast(id, before + 2);
    assert.equal(opens().length, 1, `opened: ${opens()}`);
    p.assertHealthy();
  });
});

test('after the grace period a failed status call is not the end: expired, "I have paid" and slow checks go on; paid later → one return', async () => {
  const id = await createOrder('pending', { expires_in: 8, expiry_grace: 600, overrides: { pay_payed_wait_time: 1, is_auto_open: 0 } });
  await withPage(`${BASE}/pay/${id}`, { init: paypageAttributes({ 'data-expiry-grace-secs': '4' }) }, async (p) => {
    await p.visible('#pp-qr-code');
    // The countdown ends; from then on every status call fails (a phone waking up, a bad link).
    await p.visible('#pp-checking', 15000);
    await setOrderFaults(id, { error_rate: 1, status_only: true });
    await p.phase('expired', 15000);
    const expiredAt = Date.now();
    const isStatus = (e) => e.path.endsWith('/status');
    const last = (await apiLog(id)).filter(isStatus).at(-1);
    assert.match(last.answer, /fault/, 'the expired screen came after a failed call');
    await p.visible('#pp-check-now', 3000);
    // The server answers again (still pending: its late window). The slow check goes on, at
    // least 5 s after the failed call.
    await setOrderFaults(id, {});
    const after = (log) => log.filter((e) => isStatus(e) && e.at_ms > expiredAt);
    const log = await untilLog(id, (l) => after(l).length >= 1, 'a status call after the expired screen', 30000);
    const gap = after(log)[0].at_ms - last.at_ms;
    assert.ok(gap >= 4800, `the expired screen checked again ${gap} ms after the failed call`);
    // "I have paid": one status call at once.
    const pressAt = Date.now();
    const before = count(log, 'status');
    await p.page.click('#pp-check-now');
    const pressed = await untilLog(id, (l) => count(l, 'status') > before, 'the status call of "I have paid"', 3000);
    assert.equal(count(pressed, 'status'), before + 1, 'one call for one press');
    assert.ok(pressed.filter(isStatus).at(-1).at_ms - pressAt < 2000, 'the call came at once');
    // The server records the payment: the slow check sees it; success, and one return.
    await act(id, 'pay');
    await p.phase('paid', 20000);
    await returnsTo(p, returnPage(id));
    assert.equal(await returnCount(id), 1);
    p.assertHealthy();
  });
});

/** Seconds of `mm:ss` or `h:mm:ss`. */
const seconds = (text) => text.trim().split(':').reduce((acc, part) => acc * 60 + Number(part), 0);

test('with slow API answers the countdown shows no more time than the order has left', async () => {
  const id = await createOrder('slow', { expires_in: 600, overrides: { is_auto_open: 0 } });
  const { expire_time: expireTime } = await orderOf(id);
  await withPage(`${BASE}/pay/${id}`, async (p) => {
    await p.visible('#pp-countdown-time', 20000);
    // Four readings, each at a tick of the countdown (its text changed) and against the host's
    // clock at that moment: at most the whole second shown rounded up, and the injected whole
    // second's half (its middle assumed).
    for (let i = 0; i < 4; i++) {
      const [text, now] = await p.page.evaluate(() => [document.querySelector('#pp-countdown-time').textContent, Date.now()]);
      const left = expireTime - now / 1000;
      assert.ok(seconds(text) <= left + 1.5, `the countdown shows ${text} (${seconds(text)} s), the order has ${left.toFixed(1)} s left`);
      await p.page.waitForFunction((t) => document.querySelector('#pp-countdown-time').textContent !== t, text, { timeout: 5000 });
    }
    p.assertHealthy();
  });
});

test('the success screen\'s return countdown never goes up on visibility or focus, and the return goes when it reaches 0', async () => {
  const id = await createOrder('pending', { pays_after: 600, overrides: { pay_payed_wait_time: 5, is_auto_open: 0 } });
  const seen = [];
  const record = (page) => page.exposeFunction('__ppReturnIn', (text) => seen.push({ text, at: Date.now() })).then(() => page.addInitScript(() => {
    let last = null;
    const look = () => {
      const el = document.querySelector('#pp-return-in');
      const text = el ? el.textContent : null;
      if (text !== null && text !== last) window.__ppReturnIn(text);
      last = text;
    };
    new MutationObserver(look).observe(document, { childList: true, subtree: true, characterData: true });
  }));
  await withPage(`${BASE}/pay/${id}`, { init: record }, async (p) => {
    await p.visible('#pp-qr-code');
    await act(id, 'pay');
    await p.visible('#pp-return-in');
    // State changes during the wait: the page shown again, the window focused, again and again.
    const poke = setInterval(() => {
      p.page.evaluate(() => {
        document.dispatchEvent(new Event('visibilitychange'));
        window.dispatchEvent(new Event('focus'));
      }).catch(() => {});
    }, 300);
    try {
      await returnsTo(p, returnPage(id));
    } finally {
      clearInterval(poke);
    }
    const arrived = Date.now();
    const secs = seen.map((s) => Number(/(\d+)/.exec(s.text)?.[1]));
    assert.ok(secs.at(-1) <= 1, `the page left while the countdown said "${seen.at(-1).text}" (all it said: ${secs})`);
    for (let i = 1; i < secs.length; i++) assert.ok(secs[i] <= secs[i - 1], `the return countdown went up: ${secs}`);
    assert.ok(secs.length >= 3, `the countdown was seen: ${seen.map((s) => s.text)}`);
    assert.ok(arrived - seen[0].at >= 3500, `left ${arrived - seen[0].at} ms after the countdown first said ${secs[0]}`);
    assert.equal(await returnCount(id), 1);
  });
});
