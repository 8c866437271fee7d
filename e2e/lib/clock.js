// The page's simulated clock driving the network as well as its timers: template-API answers are
// held from the moment the test first moves the clock, and released only at its ticks, so how
// many calls a span of simulated time holds does not depend on how busy the machine is.
import assert from 'node:assert/strict';

// In the page, before any script: counts the template-API calls started and the answers read
// to the end (or failed), so a tick can wait until what it released has been taken in.
const COUNT_CALLS = () => {
  const net = { started: 0, done: 0 };
  window.__simNet = net;
  const fetch0 = window.fetch;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : input && input.url;
    if (!/\/api\//.test(String(url))) return fetch0.apply(this, arguments);
    net.started += 1;
    let counted = false;
    const done = () => { if (!counted) { counted = true; net.done += 1; } };
    return fetch0.apply(this, arguments).then((r) => {
      const text = r.text;
      r.text = function () { return text.call(r).then((t) => { done(); return t; }, (e) => { done(); throw e; }); };
      return r;
    }, (e) => { done(); throw e; });
  };
};

const states = new WeakMap();

/**
 * For `withPage(url, { init: simulatedClock.init }, ...)`: installs Playwright's clock and the
 * held network. Then `const clock = simulatedClock(p)` and `await clock.advance(ms, step)`.
 */
export function simulatedClock(p) {
  const state = states.get(p.page);
  assert.ok(state, 'open the page with { init: simulatedClock.init }');
  const net = () => p.page.evaluate(() => ({ ...window.__simNet }));
  // A macrotask of the page (MessageChannel: not faked by the clock) after every microtask the
  // answers started: the app has handled them.
  const drained = () => p.page.evaluate(() => new Promise((r) => {
    const c = new MessageChannel();
    c.port1.onmessage = () => r();
    c.port2.postMessage(0);
  }));
  const until = async (ok, what) => {
    const end = Date.now() + 15000;
    while (!(await ok())) {
      if (Date.now() > end) assert.fail(`simulated clock: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  /** Releases every answer the calls so far get, until the page starts no new call. */
  async function settle() {
    for (;;) {
      const { started } = await net();
      await until(async () => state.arrived >= started && state.fetching === 0, `${started} calls to reach the dev host`);
      for (const release of state.held.splice(0)) await release();
      await until(async () => (await net()).done >= started, `${started} answers to be read`);
      await drained();
      if ((await net()).started === started) return;
    }
  }
  return {
    settle,
    /** Moves the page's clock by `ms` in steps of `step`; each step's calls answered in it. */
    async advance(ms, step = 1000) {
      state.holding = true;
      await settle();
      for (let t = 0; t < ms; t += step) {
        await p.page.clock.runFor(step);
        await settle();
      }
    },
    /** Calls the page has started (they reach the dev host when they start). */
    started: async () => (await net()).started,
  };
}

simulatedClock.init = async (page) => {
  await page.clock.install({ time: Date.now() });
  await page.addInitScript(COUNT_CALLS);
  // arrived: calls that reached the route (held or passed); fetching: calls whose answer the
  // dev host has not given yet.
  const state = { held: [], holding: false, arrived: 0, fetching: 0 };
  states.set(page, state);
  await page.route(/\/api\//, async (route) => {
    state.arrived += 1;
    state.fetching += 1;
    let response;
    try {
      response = await route.fetch();
    } finally {
      state.fetching -= 1;
    }
    if (state.holding) state.held.push(() => route.fulfill({ response }));
    else await route.fulfill({ response });
  });
};
