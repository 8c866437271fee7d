// Nothing piles up while a customer keeps the page open: 30 simulated minutes with the voice
// prompt on, the tab hidden and shown, "tap to hear" used again and again, end holding as many
// event listeners and wasm closures as after the first minute.
//
// Closures are counted where wasm-bindgen registers them for cleanup (its FinalizationRegistry):
// registered minus released by the page. A closure the page forgets (left to the garbage
// collector, as a cleared `set_timeout_with_handle` or a `forget()` does) stays counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, createOrder } from '../lib/host.js';
import { withPage } from '../lib/pay_page.js';

const PROBE = () => {
  let listeners = 0;
  let closures = 0;
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (...a) { listeners++; return add.apply(this, a); };
  EventTarget.prototype.removeEventListener = function (...a) { listeners--; return remove.apply(this, a); };
  const Registry = window.FinalizationRegistry;
  window.FinalizationRegistry = class extends Registry {
    register(...a) { closures++; return super.register(...a); }
    unregister(token) { const done = super.unregister(token); if (done) closures--; return done; }
  };
  // Speech refused at once, as the autoplay rule refuses it without a gesture: the page offers
  // "tap to hear". (An error without that code and no voice means nothing can speak: no tap.)
  speechSynthesis.speak = (u) => setTimeout(() => u.onerror && u.onerror(Object.assign(new Event('error'), { error: 'not-allowed' })), 0);
  window.__held = () => ({ listeners, closures });
};

test('30 simulated minutes with the voice prompt on: listeners and closures stay flat', async () => {
  const id = await createOrder('speech', { expires_in: 7200, overrides: { is_auto_open: 0 } });
  await withPage(`${BASE}/pay/${id}`, { init: async (page) => { await page.addInitScript(PROBE); await page.clock.install({ time: Date.now() }); } }, async (p) => {
    await p.visible('#pp-qr-code');
    const run = async (ms) => {
      for (let t = 0; t < ms; t += 10000) {
        await p.page.clock.runFor(10000);
        await p.page.waitForTimeout(40);
      }
    };
    const setVisible = (visible) => p.page.evaluate((v) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (v ? 'visible' : 'hidden') });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => !v });
      document.dispatchEvent(new Event('visibilitychange'));
    }, visible);
    const tap = async () => {
      await p.visible('#pp-audio-tap');
      await p.page.click('#pp-audio-tap');
      await p.page.waitForTimeout(50);
    };
    await tap();
    await run(60000);
    const first = await p.page.evaluate(() => window.__held());
    for (let minute = 1; minute < 30; minute += 5) {
      await setVisible(false); // the pending poll is replaced by the slower hidden one
      await run(60000);
      await setVisible(true); // and checked at once on return: another timer cleared
      await run(4 * 60000);
      await tap();
    }
    const last = await p.page.evaluate(() => window.__held());
    console.log(`held after 1 min: ${JSON.stringify(first)}; after 30 min: ${JSON.stringify(last)}`);
    assert.ok(last.listeners <= first.listeners, `listeners: ${first.listeners} after 1 min, ${last.listeners} after 30`);
    assert.ok(last.closures <= first.closures, `closures held: ${first.closures} after 1 min, ${last.closures} after 30`);
    p.assertHealthy();
  });
});
