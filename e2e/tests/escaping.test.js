// The theme on the real platform's template engines. XArr renders theme HTML with GoFrame, which is
// Go's text/template (values written raw) unless AutoEncode is on (then html/template). A hostile
// order subject must run no script and show as text under both; the dev host reproduces the raw
// mode (`--escape none`, its default), and Go's own engines render the packaged pages too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, readFileSync, writeFileSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE, HTML_ESCAPE_BASE, THEME_DIR, DEVHOST, GORENDER, createOrder } from '../lib/host.js';
import { withPage } from '../lib/pay_page.js';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/info/hostile.json', import.meta.url)));
const SUBJECT = fixture.data.subject;

// Counts every write to window.__pwned and every alert: the hostile data's only effects.
const sentinel = (page) => page.addInitScript(() => {
  Object.defineProperty(window, '__pwned', {
    configurable: false,
    get() { return undefined; },
    set() { window.__pwnedWrites = (window.__pwnedWrites || 0) + 1; },
  });
  window.alert = () => { window.__pwnedWrites = (window.__pwnedWrites || 0) + 1; };
});

/** Starts a dev host of our own (killed by `stop`) and returns its base URL. */
async function devhost(args) {
  const child = spawn(DEVHOST, ['--port', '0', '--quiet', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    lines.once('line', (l) => resolve(l.replace('devhost listening on ', '').trim()));
    child.once('exit', (code) => reject(new Error(`devhost exited with ${code}`)));
  });
  lines.on('line', () => {});
  return { url, stop: () => child.kill() };
}

/**
 * Opens the pay page of a hostile order and returns how many times its data ran script: after the
 * document's load event (every script of the served page has run and every image of it has
 * loaded or failed, so the subject's `<img onerror>` has fired if it was markup). Where the attack
 * is expected to get through (`expectApp: false`), its first write is waited for (up to 10 s),
 * and 0 is returned when none came.
 */
async function scriptRuns(url, { expectApp = true, ready = '#pp-qr-code' } = {}) {
  return withPage(url, { init: sentinel }, async (p) => {
    await p.page.waitForLoadState('load');
    if (expectApp) {
      await p.visible(ready);
      assert.equal(await p.text('#pp-subject'), SUBJECT, 'the subject shows as text');
    } else {
      await p.page.waitForFunction(() => window.__pwnedWrites > 0, null, { timeout: 10000 }).catch(() => {});
    }
    return p.page.evaluate(() => window.__pwnedWrites || 0);
  });
}

for (const [mode, base] of [['none (text/template)', () => BASE], ['html (html/template)', () => HTML_ESCAPE_BASE]]) {
  test(`dev host --escape ${mode}: a hostile subject in the injected values runs no script and shows as text`, async () => {
    const id = await createOrder('hostile', {}, base());
    assert.equal(await scriptRuns(`${base()}/pay/${id}`), 0);
    // The injected attribute holds the whole subject, decoded by the browser's HTML parser.
    const html = await (await fetch(`${base()}/pay/${id}`)).text();
    assert.ok(!html.includes('<img src=x onerror'), 'the served page has no raw markup of the subject');
  });
}

test('a theme without `| html` is open to the attack under --escape none, and only there', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'paypage-unescaped-'));
  const theme = join(dir, 'paypage');
  cpSync(THEME_DIR, theme, { recursive: true });
  const index = join(theme, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replaceAll(' | html}', '}'));
  const raw = await devhost(['--theme', theme, '--escape', 'none']);
  const escaped = await devhost(['--theme', theme, '--escape', 'html']);
  try {
    const id = await createOrder('hostile', {}, raw.url);
    assert.ok(await scriptRuns(`${raw.url}/pay/${id}`, { expectApp: false }) > 0, 'the raw engine let the subject run script');
    const id2 = await createOrder('hostile', {}, escaped.url);
    assert.equal(await scriptRuns(`${escaped.url}/pay/${id2}`), 0);
  } finally {
    raw.stop();
    escaped.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const engine of ['text', 'html']) {
  test(`Go's own ${engine}/template renders index.html, status.html and separate.html safely`, async () => {
    const dir = mkdtempSync(join(tmpdir(), `paypage-go-${engine}-`));
    // Plain static hosting of the Go-rendered pages, with the API and the theme's assets.
    const host = await devhost(['--static', dir, '--theme', THEME_DIR]);
    try {
      const id = await createOrder('hostile', {}, host.url);
      const data = join(dir, 'data.json');
      writeFileSync(data, JSON.stringify(await (await fetch(`${host.url}/__dev/page-data/${id}`)).json()));
      for (const file of ['index.html', 'status.html', 'separate.html']) {
        const page = execFileSync(GORENDER, [engine, join(THEME_DIR, file), data]).toString();
        assert.ok(!page.includes('<img src=x onerror'), `${file}: raw markup of the subject`);
        assert.ok(page.includes('data-inject-subject="&lt;script&gt;'), `${file}: the subject escaped once`);
        writeFileSync(join(dir, file), page);
      }
      assert.equal(await scriptRuns(`${host.url}/pay/${id}`), 0);
      // The separate page offers the choice of pay type (the cashier flow).
      assert.equal(await scriptRuns(`${host.url}/pay/separate/${id}`, { ready: '#pp-pay-types' }), 0);
      await withPage(`${host.url}/pay/status?order_id=${encodeURIComponent(id)}`, { init: sentinel }, async (p) => {
        await p.page.locator('[data-phase]').first().waitFor({ timeout: 15000 });
        assert.equal(await p.page.evaluate(() => window.__pwnedWrites || 0), 0);
      });
    } finally {
      host.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
