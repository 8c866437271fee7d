// The cashier flow (an order created without a pay type): the pay page sends the customer to
// /pay/separate/<id>, where the pay types are a form; the choice goes to /api/order/chose-type
// and the pay page then shows the code. Every failure is a screen. The dev host's scenarios:
// cashier, cashier_empty, cashier_hostile, cashier_refuse, cashier_types_fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, createOrder, act, apiLog, endpoints, untilLog } from '../lib/host.js';
import { withPage, afterStatusPolls } from '../lib/pay_page.js';

const paths = (log) => log.map((e) => e.path);
const count = (log, path) => paths(log).filter((p) => p === path).length;

/** Records the POST bodies the page sends to `path` (`/api/order/chose-type`). */
function bodiesOf(path) {
  const bodies = [];
  return {
    bodies,
    init: (page) => page.on('request', (r) => {
      if (new URL(r.url()).pathname === path) bodies.push(JSON.parse(r.postData() || 'null'));
    }),
  };
}

test('no pay type: pay page → separate page → choice → chose-type → pay page with the QR; no qrcode call before the choice', async () => {
  const id = await createOrder('cashier');
  const chose = bodiesOf('/api/order/chose-type');
  await withPage(`${BASE}/pay/${id}`, { init: chose.init }, async (p) => {
    await p.phase('choose');
    assert.equal(new URL(p.page.url()).pathname, `/pay/separate/${encodeURIComponent(id)}`);
    // The order as on the pay page: subject, amount, id, countdown.
    assert.match(await p.text('#pp-amount'), /¥\d+\.\d\d/);
    assert.equal(await p.text('#pp-order-id'), id);
    await p.visible('#pp-countdown-time');
    const before = await apiLog(id);
    assert.equal(before[0].path, '/api/order/info');
    for (const name of ['/api/order/qrcode', '/api/order/status', '/api/order/audio']) {
      assert.equal(count(before, name), 0, `${name} before the choice: ${paths(before)}`);
    }
    assert.ok(count(before, '/api/pay/types') >= 1, 'the separate page asked for the types');
    // A real form: a radio group in a fieldset with a legend, one checked.
    assert.equal(await p.page.locator('fieldset#pp-pay-types > legend').count(), 1);
    const radios = p.page.locator('input[type=radio][name=pay_type]');
    assert.ok(await radios.count() >= 2, 'the scenario offers two types or more');
    assert.equal(await p.page.locator('input[name=pay_type]:checked').count(), 1);
    const second = await radios.nth(1).getAttribute('value');
    await radios.nth(1).check();
    await p.page.click('#pp-choose');
    await p.page.waitForURL((u) => u.pathname === `/pay/${encodeURIComponent(id)}`, { timeout: 10000 });
    await p.visible('#pp-qr-code');
    assert.deepEqual(chose.bodies, [{ order_id: id, pay_type: second }]);
    const log = await apiLog(id);
    const firstQr = paths(log).indexOf('/api/order/qrcode');
    const choice = paths(log).indexOf('/api/order/chose-type');
    assert.ok(choice >= 0 && firstQr > choice, `qrcode only after the choice: ${paths(log)}`);
    assert.deepEqual(p.navigations.map((u) => new URL(u).pathname), [
      `/pay/${encodeURIComponent(id)}`,
      `/pay/separate/${encodeURIComponent(id)}`,
      `/pay/${encodeURIComponent(id)}`,
    ]);
    p.assertHealthy();
  });
});

test('a double click on confirm sends one chose-type', async () => {
  const id = await createOrder('cashier', { faults: { latency_ms: 600 } });
  const chose = bodiesOf('/api/order/chose-type');
  await withPage(`${BASE}/pay/separate/${id}`, { init: chose.init }, async (p) => {
    await p.visible('#pp-pay-types');
    await p.page.dblclick('#pp-choose');
    assert.equal(await p.page.getAttribute('#pp-choose-form', 'aria-busy'), 'true');
    assert.equal(await p.page.isDisabled('#pp-choose'), true);
    await p.page.waitForURL((u) => u.pathname === `/pay/${encodeURIComponent(id)}`, { timeout: 10000 });
    assert.equal(chose.bodies.length, 1, JSON.stringify(chose.bodies));
    assert.equal(count(await apiLog(id), '/api/order/chose-type'), 1);
    p.assertHealthy();
  });
});

test('the keyboard path: arrows move within the radio group, Enter confirms', async () => {
  const id = await createOrder('cashier');
  const chose = bodiesOf('/api/order/chose-type');
  await withPage(`${BASE}/pay/separate/${id}`, { init: chose.init }, async (p) => {
    await p.visible('#pp-pay-types');
    const values = await p.page.locator('input[name=pay_type]').evaluateAll((els) => els.map((e) => e.value));
    const checked = await p.page.locator('input[name=pay_type]:checked').getAttribute('value');
    assert.equal(checked, values[0], 'the order has no type: the first is preselected');
    // Tab reaches the checked radio (the group is one stop), then the button.
    for (let i = 0; i < 20; i++) {
      await p.page.keyboard.press('Tab');
      if (await p.page.evaluate(() => document.activeElement && document.activeElement.name === 'pay_type')) break;
    }
    assert.equal(await p.page.evaluate(() => document.activeElement.value), values[0]);
    await p.page.keyboard.press('ArrowDown');
    assert.equal(await p.page.evaluate(() => document.activeElement.value), values[1]);
    assert.equal(await p.page.locator('input[name=pay_type]:checked').getAttribute('value'), values[1]);
    await p.page.keyboard.press('Enter');
    await p.page.waitForURL((u) => u.pathname === `/pay/${encodeURIComponent(id)}`, { timeout: 10000 });
    assert.deepEqual(chose.bodies, [{ order_id: id, pay_type: values[1] }]);
    p.assertHealthy();
  });
});

test('the types fail to load: an error with retry, and retry asks again', async () => {
  const id = await createOrder('cashier_types_fail');
  await withPage(`${BASE}/pay/${id}`, async (p) => {
    await p.visible('#pp-types-error');
    assert.equal(await p.page.getAttribute('#pp-types-error', 'role'), 'alert');
    const asked = count(await apiLog(id), '/api/pay/types');
    await p.page.click('#pp-types-retry');
    // The retry's call made and its answer shown (the scenario fails twice: the error again), then
    // a tick of the page's timers (another tab's two status polls): no second call came with it.
    await untilLog(id, (log) => count(log, '/api/pay/types') > asked, 'the retry\'s types call');
    await p.page.waitForFunction(() => document.querySelector('#pp-types-error, #pp-pay-types'));
    await afterStatusPolls(p, 2);
    const log = await apiLog(id);
    assert.equal(count(log, '/api/pay/types'), asked + 1, 'one more types call');
    assert.equal(count(log, '/api/order/qrcode'), 0);
    assert.equal(count(log, '/api/order/chose-type'), 0);
    p.assertHealthy();
  });
});

test('no pay type available: the page says so and offers no confirm', async () => {
  const id = await createOrder('cashier_empty');
  await withPage(`${BASE}/pay/${id}`, async (p) => {
    await p.visible('#pp-types-empty');
    assert.match(await p.text('#pp-types-empty'), /联系商家/);
    assert.equal(await p.page.locator('#pp-choose').count(), 0);
    assert.equal(count(await apiLog(id), '/api/order/qrcode'), 0);
    p.assertHealthy();
  });
});

test('chose-type refused: the server\'s message as text, the choice still open', async () => {
  const id = await createOrder('cashier_refuse');
  await withPage(`${BASE}/pay/separate/${id}`, async (p) => {
    await p.visible('#pp-pay-types');
    const [response] = await Promise.all([
      p.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/order/chose-type'),
      p.page.click('#pp-choose'),
    ]);
    const envelope = await response.json();
    const message = envelope.message || envelope.msg;
    assert.notEqual(envelope.code, 200, 'the scenario refuses');
    await p.visible('#pp-chose-error');
    assert.equal(await p.page.getAttribute('#pp-chose-error', 'role'), 'alert');
    if (message) assert.ok((await p.text('#pp-chose-error')).includes(message.trim()), await p.text('#pp-chose-error'));
    assert.equal(await p.page.isDisabled('#pp-choose'), false, 'the choice is open again');
    assert.equal(new URL(p.page.url()).pathname, `/pay/separate/${encodeURIComponent(id)}`, 'the page stays');
    // Another type can be tried.
    const radios = p.page.locator('input[name=pay_type]');
    if (await radios.count() > 1) await radios.nth(1).check();
    // Accepted this time: the page goes on to the pay page (the form is gone with it).
    await Promise.all([
      p.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/order/chose-type'),
      p.page.click('#pp-choose'),
    ]);
    await p.page.waitForURL((u) => u.pathname === `/pay/${encodeURIComponent(id)}`);
    assert.equal(count(await apiLog(id), '/api/order/chose-type'), 2);
    p.assertHealthy();
  });
});

test('the separate page of a dead order: its final screen, and info is the only call', async () => {
  for (const [scenario, phase] of [['paid', 'paid'], ['closed', 'closed'], ['expired', 'expired']]) {
    const id = await createOrder(scenario, { overrides: { pay_payed_wait_time: 600 } });
    await withPage(`${BASE}/pay/separate/${id}`, async (p) => {
      await p.phase(phase);
      await afterStatusPolls(p, 2);
      assert.deepEqual(endpoints(await apiLog(id)), ['info'], scenario);
      assert.equal(await p.page.locator('#pp-pay-types').count(), 0);
      p.assertHealthy();
    });
  }
});

test('the separate page of an order that has a type offers the choice with its type checked', async () => {
  const id = await createOrder('pending');
  await withPage(`${BASE}/pay/separate/${id}`, async (p) => {
    await p.visible('#pp-pay-types');
    const log = await apiLog(id);
    assert.equal(count(log, '/api/order/qrcode'), 0);
    const checked = await p.page.locator('input[name=pay_type]:checked').getAttribute('value');
    const values = await p.page.locator('input[name=pay_type]').evaluateAll((els) => els.map((e) => e.value));
    // The order's own type when the server offers it, else the first.
    assert.equal(checked, values.includes('alipay') ? 'alipay' : values[0]);
    p.assertHealthy();
  });
});

test('an order paid while the customer chooses: the separate page does not offer a dead choice for ever', async () => {
  const id = await createOrder('cashier', { expires_in: 4 });
  await withPage(`${BASE}/pay/separate/${id}`, async (p) => {
    await p.visible('#pp-pay-types');
    await act(id, 'pay');
    // The countdown's end makes the check (as on the pay page).
    await p.phase('paid', 20000);
    p.assertHealthy();
  });
});

test('the site\'s name from the platform is the title and the header when the merchant set none', async () => {
  const id = await createOrder('pending');
  const data = await (await fetch(`${BASE}/__dev/page-data/${id}`)).json();
  const site = (data.__options && data.__options.web_title || '').trim();
  assert.ok(site, 'the dev host has a site name');
  await withPage(`${BASE}/pay/${id}`, async (p) => {
    await p.visible('#pp-qr-code');
    assert.equal(await p.page.title(), site);
    assert.equal(await p.text('#pp-merchant'), site);
    p.assertHealthy();
  });
  // The merchant's name wins.
  await withPage(`${BASE}/pay/${id}`, {
    init: (page) => page.addInitScript(() => {
      new MutationObserver((_, obs) => {
        const el = document.getElementById('paypage');
        if (el) { el.setAttribute('data-merchant-name', '示例商店'); obs.disconnect(); }
      }).observe(document, { childList: true, subtree: true });
    }),
  }, async (p) => {
    await p.visible('#pp-qr-code');
    assert.equal(await p.page.title(), '示例商店');
    assert.equal(await p.text('#pp-merchant'), '示例商店');
    p.assertHealthy();
  });
});
