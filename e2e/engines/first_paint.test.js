// The first paint in this engine (PAYPAGE_ENGINE): on a phone, the server's QR picture and the
// "open the app" link appear at the qrcode answer, before any of the app's bytes (the dev host
// holds the app's files back for this order); the app then takes over with the same code at the
// same place, with no call twice. A dead order paints nothing early.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, createOrder, apiLog, endpoints, count } from '../lib/host.js';
import { withSession } from '../lib/webdriver.js';
import { decodeQr } from './qr.js';

const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const PAYLOAD = 'https://qr.alipay.com/fkx15742tdtmcruhbwsv45b';

/** The element's box in the document (not the viewport: reading pixels scrolls). */
const place = (s, css) => s.eval((sel) => {
  const r = document.querySelector(sel).getBoundingClientRect();
  return [Math.round(r.left + scrollX), Math.round(r.top + scrollY), Math.round(r.width), Math.round(r.height)];
}, css);

test('first paint: the code and the app link before the app, then the app with the same code in the same place', async () => {
  const id = await createOrder('pending', { overrides: { is_auto_open: 0 }, faults: { app_delay_ms: 5000 } });
  await withSession({ ua: PHONE }, async (s) => {
    await s.goto(`${BASE}/pay/${id}`);
    await s.until(() => document.querySelector('#pp-first[data-painted]'), { timeout: 4000, what: 'the first paint' });
    assert.equal(await s.count('#pp-pending'), 0, 'the app is not running yet');
    await s.until(() => { const i = document.getElementById('pp-first-qr'); return i.complete && i.naturalWidth > 0; }, { what: 'the picture decoded' });
    assert.equal(decodeQr(await s.pixels('#pp-first-qr')), PAYLOAD, 'the first paint shows a code that scans');
    assert.equal(await s.attr('#pp-first-open-app', 'href'), 'alipays://platformapi/startapp?saId=10000007&qrcode=https%3A%2F%2Fqr.alipay.com%2Ffkx15742tdtmcruhbwsv45b');
    const picture = await s.attr('#pp-first-qr', 'src');
    const before = await place(s, '#pp-first-qr');
    // The app arrives (its files held 5 s) and takes the screen over.
    await s.until(() => document.querySelector('#pp-pending'), { timeout: 20000, what: 'the app\'s pending screen' });
    assert.equal(await s.count('#pp-first'), 0, 'the first paint is gone');
    const qr = '#pp-qr-code';
    assert.equal(await s.attr(qr, 'src'), picture, 'the app shows the same picture');
    assert.deepEqual(await place(s, qr), before, 'at the same place and size');
    assert.equal(decodeQr(await s.pixels(qr)), PAYLOAD);
    await s.assertHealthy();
    const log = await apiLog(id);
    for (const name of ['info', 'qrcode']) assert.equal(count(log, name), 1, `${name} once: ${endpoints(log)}`);
  });
});

test('a dead order paints nothing early and calls nothing but info', async () => {
  const id = await createOrder('paid', { faults: { app_delay_ms: 5000 } });
  await withSession({ ua: PHONE }, async (s) => {
    await s.goto(`${BASE}/pay/${id}`);
    // The positive event: the boot script has read info's answer and decided what comes next (its
    // decision runs in the promise reactions of info's call, all done by the next task). A paint
    // needs a qrcode call, which only that decision makes; the app's files are held 5 s, so the
    // first screen is still the boot script's.
    const decided = await s.cmd('POST', '/execute/async', {
      script: `const done = arguments[0];
        const pre = window.__paypagePrefetch;
        if (!pre || !pre.info) return done('no early info call');
        const next = () => setTimeout(() => done(window.__paypagePrefetch === pre ? 'decided' : 'the app took over first'), 0);
        pre.info.promise.then(() => {
          if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', next);
          else next();
        }, () => done('info failed'));`,
      args: [],
    });
    assert.equal(decided, 'decided');
    assert.equal(await s.eval(() => 'qrcode' in window.__paypagePrefetch), false, 'no early qrcode call');
    assert.equal(await s.count('#pp-first'), 1, 'the first screen is still there');
    assert.equal(await s.count('#pp-first[data-painted]'), 0, 'nothing painted early');
    await s.until(() => document.querySelector('[data-phase="paid"]'), { timeout: 15000, what: 'the paid screen' });
    await s.assertHealthy();
    assert.deepEqual(endpoints(await apiLog(id)), ['info']);
  });
});
