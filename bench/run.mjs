// The benchmark (run by `cargo xtask bench`, which starts the dev host with added API latency).
// Measures, in Debian's headless Chromium:
//   - navigation start -> QR visible (median, min, max of N loads)
//   - bytes transferred (as served: gzip/br) before the QR and in total, per file
//   - status calls per minute visible, hidden and after a final state (clock-controlled)
//   - tab visible again -> paid screen, when the payment happened while hidden
//   - timers, listeners and JS heap after 30 simulated minutes
//   - Lighthouse mobile scores (performance, accessibility, best practices)
// Writes target/bench/report.json and report.md, prints the table and the budget lines over.
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const BASE = process.env.PAYPAGE_URL;
const LATENCY = Number(process.env.PAYPAGE_LATENCY_MS || 100);
const RUNS = Number(process.env.PAYPAGE_RUNS || 7);
const OUT = new URL('../target/bench/', import.meta.url).pathname;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'];
mkdirSync(OUT, { recursive: true });

async function createOrder(scenario, extra = {}) {
  const r = await fetch(`${BASE}/__dev/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario, ...extra }) });
  return (await r.json()).order_id;
}
const act = (id, a) => fetch(`${BASE}/__dev/orders/${id}/${a}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
const log = async (id) => (await (await fetch(`${BASE}/__dev/log?order_id=${id}`)).json()).entries;
const statusCount = async (id) => (await log(id)).filter((e) => e.path.endsWith('/status')).length;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const round = (x) => Math.round(x);

// Records when the QR code appears, in the page's own time origin (navigation start = 0).
const QR_PROBE = () => {
  new MutationObserver((_, obs) => {
    if (document.querySelector('#pp-qr-code svg')) {
      window.__qrAt = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
};

async function loadOnce(browser, { noPrefetch = false } = {}) {
  const id = await createOrder('pending', { overrides: { is_auto_open: 0 } });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const urls = new Map();
  const files = [];
  cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
  cdp.on('Network.loadingFinished', (e) => files.push({ url: urls.get(e.requestId), bytes: e.encodedDataLength, at: e.timestamp }));
  await page.addInitScript(QR_PROBE);
  // A/B: without the early info call, the app sends it itself once the wasm runs.
  if (noPrefetch) await page.addInitScript(() => Object.defineProperty(window, '__paypagePrefetch', { get() { return undefined; }, set() {} }));
  await page.goto(`${BASE}/pay/${id}`);
  await page.waitForFunction(() => window.__qrAt !== undefined, null, { timeout: 20000 });
  const qrAt = await page.evaluate(() => window.__qrAt);
  const navStart = await page.evaluate(() => performance.timeOrigin / 1000);
  const htmlMs = await page.evaluate(() => performance.getEntriesByType('navigation')[0].responseEnd);
  await page.waitForTimeout(1500);
  // CDP timestamps are monotonic seconds; relate them to the QR through the navigation's own file.
  const first = files.find((f) => f.url && f.url.includes(`/pay/${id}`));
  const base = first ? first.at - htmlMs / 1000 : 0;
  const beforeQr = files.filter((f) => (f.at - base) * 1000 <= qrAt);
  await context.close();
  const sum = (xs) => xs.reduce((a, f) => a + f.bytes, 0);
  return { qrAt, htmlMs, files, before: sum(beforeQr), total: sum(files), navStart };
}

async function pollRates(browser) {
  const id = await createOrder('long_expiry', { overrides: { is_auto_open: 0 } });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.install({ time: Date.now() });
  await page.goto(`${BASE}/pay/${id}`);
  await page.waitForSelector('#pp-qr-code svg');
  await page.waitForTimeout(300);
  const run = async (ms) => { for (let t = 0; t < ms; t += 1000) { await page.clock.runFor(1000); await page.waitForTimeout(LATENCY + 60); } };
  let s = await statusCount(id); await run(60000); const visible = (await statusCount(id)) - s;
  const setVis = (v) => page.evaluate((vis) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (vis ? 'visible' : 'hidden') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => !vis });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  }, v);
  await setVis(false); await run(3000);
  s = await statusCount(id); await run(60000); const hidden = (await statusCount(id)) - s;
  // Paid while hidden; measure visible again -> paid screen (real time, no timer involved).
  await act(id, 'pay');
  await page.waitForTimeout(300);
  const t0 = Date.now();
  await setVis(true);
  await page.waitForSelector('[data-phase="paid"]', { timeout: 20000 });
  const backToPaid = Date.now() - t0;
  s = await statusCount(id); await run(60000); const afterFinal = (await statusCount(id)) - s;
  const entries = (await log(id)).filter((e) => e.path.endsWith('/status'));
  let overlaps = 0;
  for (let i = 1; i < entries.length; i++) if (entries[i].at_ms - entries[i - 1].at_ms < LATENCY - 10) overlaps++;
  await context.close();
  return { visible, hidden, afterFinal, backToPaid, overlaps };
}

async function soak(browser) {
  const id = await createOrder('long_expiry', { overrides: { is_auto_open: 0 } });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    let timers = 0, listeners = 0;
    const st = window.setTimeout, ct = window.clearTimeout, si = window.setInterval, ci = window.clearInterval;
    const live = new Set();
    window.setTimeout = function (f, ms, ...a) { const id = st.call(window, (...x) => { live.delete(id); f(...x); }, ms, ...a); live.add(id); return id; };
    window.clearTimeout = function (id) { live.delete(id); return ct.call(window, id); };
    window.setInterval = function (...a) { const id = si.apply(window, a); live.add(id); return id; };
    window.clearInterval = function (id) { live.delete(id); return ci.call(window, id); };
    const add = EventTarget.prototype.addEventListener, rem = EventTarget.prototype.removeEventListener;
    EventTarget.prototype.addEventListener = function (...a) { listeners++; return add.apply(this, a); };
    EventTarget.prototype.removeEventListener = function (...a) { listeners--; return rem.apply(this, a); };
    window.__probe = () => ({ timers: live.size, listeners });
  });
  await page.clock.install({ time: Date.now() });
  await page.goto(`${BASE}/pay/${id}`);
  await page.waitForSelector('#pp-qr-code svg');
  const cdp = await context.newCDPSession(page);
  const sample = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    return { ...(await page.evaluate(() => window.__probe())), heap };
  };
  const run = async (ms) => { for (let t = 0; t < ms; t += 10000) { await page.clock.runFor(10000); await page.waitForTimeout(LATENCY + 40); } };
  await run(60000);
  const at1 = await sample();
  await run(29 * 60000);
  const at30 = await sample();
  await context.close();
  return { at1, at30 };
}

function lighthouse(url) {
  const out = `${OUT}lighthouse.json`;
  execFileSync('npx', ['lighthouse', url, '--only-categories=performance,accessibility,best-practices', '--form-factor=mobile',
    `--chrome-flags=--headless=new ${ARGS.join(' ')}`, '--output=json', `--output-path=${out}`, '--quiet'],
  { cwd: new URL('.', import.meta.url).pathname, env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, stdio: 'inherit' });
  const r = JSON.parse(execFileSync('cat', [out]).toString());
  return Object.fromEntries(Object.entries(r.categories).map(([k, c]) => [k, round(c.score * 100)]));
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
const loads = [];
const slow = [];
for (let i = 0; i < RUNS; i++) {
  loads.push(await loadOnce(browser));
  slow.push(await loadOnce(browser, { noPrefetch: true }));
}
const rates = await pollRates(browser);
const memory = await soak(browser);
await browser.close();
const lhId = await createOrder('pending', { overrides: { is_auto_open: 0 } });
const lh = lighthouse(`${BASE.replace('127.0.0.1', 'localhost')}/pay/${lhId}`);

const qr = loads.map((l) => l.qrAt);
const html = loads.map((l) => l.htmlMs);
const perFile = {};
for (const f of loads[0].files) {
  const name = (f.url || '?').replace(BASE, '').replace(/\?.*/, '').replace(/\/pay\/[^/]+$/, '/pay/<id>');
  perFile[name] = (perFile[name] || 0) + f.bytes;
}
const budgetQr = median(html) + 2 * (LATENCY + 2) + 60;
const report = {
  latency_ms: LATENCY,
  runs: RUNS,
  qr_visible_ms: { median: round(median(qr)), min: round(Math.min(...qr)), max: round(Math.max(...qr)) },
  qr_visible_without_prefetch_ms: { median: round(median(slow.map((l) => l.qrAt))), min: round(Math.min(...slow.map((l) => l.qrAt))), max: round(Math.max(...slow.map((l) => l.qrAt))) },
  html_load_ms: { median: round(median(html)) },
  bytes_before_qr: median(loads.map((l) => l.before)),
  bytes_total: median(loads.map((l) => l.total)),
  bytes_per_file: perFile,
  status_calls_per_minute: { visible: rates.visible, hidden: rates.hidden, after_final: rates.afterFinal, overlapping: rates.overlaps },
  visible_to_paid_ms: rates.backToPaid,
  soak_30_min: memory,
  lighthouse_mobile: lh,
};
const budget = [
  ['QR visible (median)', report.qr_visible_ms.median, `<= ${round(budgetQr)} ms (HTML ${report.html_load_ms.median} + 2 round trips + 60)`, report.qr_visible_ms.median <= budgetQr],
  ['shipped bytes (gzip, total)', report.bytes_total, '<= 102400', report.bytes_total <= 102400],
  ['status calls/min visible', rates.visible, '<= 30', rates.visible <= 30],
  ['status calls/min hidden', rates.hidden, '<= 6', rates.hidden <= 6],
  ['status calls/min after final', rates.afterFinal, '0', rates.afterFinal === 0],
  ['overlapping status calls', rates.overlaps, '0', rates.overlaps === 0],
  ['visible again -> paid (ms)', rates.backToPaid, `<= one round trip (~${LATENCY + 100})`, rates.backToPaid <= LATENCY + 150],
  ['timers after 30 min vs 1 min', `${memory.at30.timers} vs ${memory.at1.timers}`, 'flat', memory.at30.timers <= memory.at1.timers],
  ['listeners after 30 min vs 1 min', `${memory.at30.listeners} vs ${memory.at1.listeners}`, 'flat', memory.at30.listeners <= memory.at1.listeners],
  ['JS heap after 30 min vs 1 min (KB)', `${round(memory.at30.heap / 1024)} vs ${round(memory.at1.heap / 1024)}`, 'flat (+10%)', memory.at30.heap <= memory.at1.heap * 1.1],
  ['Lighthouse performance', lh.performance, '>= 95', lh.performance >= 95],
  ['Lighthouse accessibility', lh.accessibility, '100', lh.accessibility === 100],
  ['Lighthouse best practices', lh['best-practices'], '100', lh['best-practices'] === 100],
];
report.budget = budget.map(([what, value, limit, ok]) => ({ what, value, limit, ok }));
let md = `# paypage benchmark (API latency ${LATENCY} ms, ${RUNS} loads)\n\n`;
md += `QR visible: median ${report.qr_visible_ms.median} ms (min ${report.qr_visible_ms.min}, max ${report.qr_visible_ms.max}); `;
md += `without the early info call: median ${report.qr_visible_without_prefetch_ms.median} ms (min ${report.qr_visible_without_prefetch_ms.min}, max ${report.qr_visible_without_prefetch_ms.max})\n\n`;
md += '| figure | value | budget | ok |\n|---|---|---|---|\n';
for (const [what, value, limit, ok] of budget) md += `| ${what} | ${value} | ${limit} | ${ok ? 'yes' : '**over**'} |\n`;
md += '\n| file | bytes as served |\n|---|---|\n';
for (const [name, bytes] of Object.entries(perFile)) md += `| ${name} | ${bytes} |\n`;
writeFileSync(`${OUT}report.json`, JSON.stringify(report, null, 2));
writeFileSync(`${OUT}report.md`, md);
console.log(md);
const over = budget.filter((b) => !b[3]).map((b) => b[0]);
console.log(over.length ? `over budget: ${over.join('; ')}` : 'every budget line holds');
