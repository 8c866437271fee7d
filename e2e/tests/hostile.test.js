// Hostile input: script and event-handler HTML in every string field, javascript:/data: URLs in
// every URL field. A sentinel records any script that runs; navigations are recorded too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, createOrder, act, apiLog, count, untilLog } from '../lib/host.js';
import { withPage, afterStatusPolls } from '../lib/pay_page.js';

const sentinel = (page) => page.addInitScript(() => {
  window.__pwned = undefined;
  Object.defineProperty(window, '__pwned', {
    configurable: false,
    get() { return undefined; },
    set() { window.__pwnedWrites = (window.__pwnedWrites || 0) + 1; },
  });
  window.alert = () => { window.__pwnedWrites = (window.__pwnedWrites || 0) + 1; };
});

const HOSTILE_STRINGS = ['subject', 'out_order_id', 'pay_type_text', 'create_time', 'content', 'service_qq', 'pay_tip', 'pay_account_tip.tip', 'audio_content', 'qrcode.content', 'actual_account', 'actual_account_type', 'actual_amount', 'message'];
const HOSTILE_URLS = ['return_uri', 'pay_type_logo', 'redirect (info)', 'redirect (status)', 'scheme', 'uri', 'qrcode', 'qrcode_data', 'audio_url', 'data-logo'];

test(`hostile data in ${HOSTILE_STRINGS.length} string fields and ${HOSTILE_URLS.length} URL fields: nothing runs, nothing navigates`, async () => {
  const id = await createOrder('hostile');
  await withPage(`${BASE}/pay/${id}`, { init: sentinel }, async (p) => {
    await p.visible('#pp-qr-code');
    await p.visible('#pp-tips .pp-tip');
    // Strings render as text.
    assert.match(await p.text('#pp-subject'), /<script>window.__pwned=1<\/script>/);
    // The sanitized tips keep the harmless parts only.
    const tips = await p.page.innerHTML('#pp-tips');
    for (const bad of ['<script', 'onclick', 'onerror', 'javascript', '<img', '<form', '<style', '<button']) {
      assert.ok(!tips.toLowerCase().includes(bad), `tips contain ${bad}: ${tips}`);
    }
    assert.match(tips, /<b>及时<\/b>/);
    // No element anywhere carries an event handler attribute or a script URL.
    const attrs = await p.page.evaluate(() => [...document.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name) || /^\s*(javascript|vbscript|data:text)/i.test(a.value)).map((a) => `${el.tagName} ${a.name}=${a.value}`)));
    assert.deepEqual(attrs, []);
    await act(id, 'pay');
    await p.phase('paid');
    await p.visible('#pp-return-refused');
    await afterStatusPolls(p, 2);
    assert.equal(await p.page.evaluate(() => window.__pwnedWrites), undefined, 'a hostile script ran');
    assert.deepEqual(p.navigations, [`${BASE}/pay/${id}`], 'navigated away');
    p.assertHealthy();
  });
});

test('a hostile logo, tts URL and app scheme in the merchant configuration are refused', async () => {
  const id = await createOrder('pending');
  await withPage(`${BASE}/pay/${id}`, {
    init: async (page) => {
      await sentinel(page);
      await page.addInitScript(() => {
        document.addEventListener('readystatechange', () => {
          const el = document.getElementById('paypage');
          if (el && !el.dataset.patched) {
            el.dataset.patched = '1';
            el.dataset.logo = 'javascript:window.__pwned=1';
            el.dataset.ttsUrl = 'javascript:{text}';
            el.dataset.appSchemes = 'javascript,data';
            el.dataset.brandColor = 'red;background:url(javascript:1)';
          }
        });
      });
    },
  }, async (p) => {
    await p.visible('#pp-qr-code');
    // The refused data-logo falls back to the site's own logo (web_logo), never the hostile URL.
    const logos = await p.page.locator('#pp-logo').evaluateAll((els) => els.map((e) => e.getAttribute('src')));
    assert.ok(logos.every((src) => src === '/__dev/logo/site.svg'), JSON.stringify(logos));
    assert.equal(await p.page.evaluate(() => window.__pwnedWrites), undefined);
  });
});

test('hostile pay types on the separate page (labels, values and logos from the server): text and the URL policy, nothing runs', async () => {
  const id = await createOrder('cashier_hostile');
  let typesAnswer;
  await withPage(`${BASE}/pay/${id}`, {
    init: async (page) => {
      await sentinel(page);
      typesAnswer = new Promise((resolve) => page.on('response', async (r) => {
        if (new URL(r.url()).pathname === '/api/pay/types') resolve(await r.json().catch(() => undefined));
      }));
    },
  }, async (p) => {
    await p.phase('choose');
    await p.visible('#pp-pay-types');
    // One label per type the server's answer offers.
    const answer = await typesAnswer;
    assert.ok(answer, 'the types answer is JSON');
    const offered = (Array.isArray(answer.data) ? answer.data : [])
      .filter((t) => t && typeof t.value === 'string' && t.value.trim() !== '');
    assert.ok(offered.length > 0, 'the hostile list offers types');
    await p.page.locator('.pp-type-label').nth(offered.length - 1).waitFor();
    // Labels render as text: what the server sent (trimmed, at most 40 characters) is what is read.
    const labels = await p.page.locator('.pp-type-label').allInnerTexts();
    assert.equal(labels.length, offered.length, JSON.stringify(labels));
    for (const t of offered) {
      const want = [...String((t.label ?? '').toString().trim() || t.value.trim())].slice(0, 40).join('');
      assert.ok(labels.some((l) => l === want.trim()), `label ${JSON.stringify(want)} in ${JSON.stringify(labels)}`);
    }
    assert.equal(await p.page.locator('.pp-type-label *').count(), 0, 'no markup from the server');
    // Logos only through the URL policy.
    const srcs = await p.page.locator('img.pp-type-logo').evaluateAll((els) => els.map((e) => e.getAttribute('src')));
    for (const src of srcs) assert.match(src, /^(https?:|\/)/, src);
    const attrs = await p.page.evaluate(() => [...document.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name) || /^\s*(javascript|vbscript|data:text)/i.test(a.value)).map((a) => `${el.tagName} ${a.name}=${a.value}`)));
    assert.deepEqual(attrs, []);
    // Chosen like any other type: the pay page then shows its label and logo from info. Its own
    // status polls (the positive event) come after that screen's images have loaded or failed.
    await p.page.click('#pp-choose');
    await p.page.waitForURL((u) => u.pathname === `/pay/${encodeURIComponent(id)}`, { timeout: 10000 });
    await p.visible('#pp-qr-code');
    const shownAt = count(await apiLog(id), 'status');
    await untilLog(id, (log) => count(log, 'status') >= shownAt + 2, 'two status polls of the pay page', 20000);
    assert.equal(await p.page.evaluate(() => window.__pwnedWrites), undefined);
    p.assertHealthy();
  });
});
