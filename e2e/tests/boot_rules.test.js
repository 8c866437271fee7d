// public/boot.js and the core answer the shared table fixtures/cases/boot.json alike, function by
// function (the core's twins in crates/core/src/boot/ answer it in crates/core/tests/core/boot_cases.rs).
// The script tested is the one that ships: minified as packaging minifies it (PAYPAGE_BOOT_SCRIPT,
// written by `cargo xtask ci` before any browser), else taken out of the packaged page
// (PAYPAGE_THEME_DIR), else minified here with the same terser options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { withPage } from '../lib/pay_page.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const TABLE = JSON.parse(readFileSync(join(ROOT, 'fixtures/cases/boot.json'), 'utf8'));

/** The boot script as it ships (see above), and where it came from. */
function shipped() {
  if (process.env.PAYPAGE_BOOT_SCRIPT) return [readFileSync(process.env.PAYPAGE_BOOT_SCRIPT, 'utf8'), process.env.PAYPAGE_BOOT_SCRIPT];
  if (process.env.PAYPAGE_THEME_DIR) {
    const page = readFileSync(join(process.env.PAYPAGE_THEME_DIR, 'index.html'), 'utf8');
    const m = /<meta name="paypage"[\s\S]*?<script>([\s\S]*?)<\/script>/.exec(page);
    assert.ok(m, 'the packaged index.html has the inline boot script after its <meta name="paypage">');
    return [m[1], 'the packaged index.html'];
  }
  const terser = join(ROOT, 'e2e/node_modules/.bin/terser');
  const out = execFileSync(terser, [join(ROOT, 'public/boot.js'), '--compress', '--mangle', '--comments', 'false'], { encoding: 'utf8' });
  return [out, 'public/boot.js minified here'];
}
const [SCRIPT, FROM] = shipped();

// boot.js is a classic script (inline in the page's head); without a document it hands its rules
// to node instead of starting.
new Function(SCRIPT)();
const boot = globalThis.__paypageBootRules;

/** undefined (a JavaScript "none") reads as the table's null. */
const plain = (v) => (v === undefined ? null : v);

test(`the boot script tested is the minified one (${FROM})`, () => {
  assert.ok(!/\/\/ |\/\*\*/.test(SCRIPT), 'no comments left in it');
  assert.ok(SCRIPT.split('\n').length < 20, `${SCRIPT.split('\n').length} lines`);
});

test('every rule boot.js exports has its section in fixtures/cases/boot.json', () => {
  const sections = Object.keys(TABLE).filter((k) => !k.startsWith('_'));
  const held = sections.concat(Object.keys(TABLE._elsewhere));
  for (const name of Object.keys(boot)) assert.ok(held.includes(name), `boot.js exports ${name}, which no section of boot.json holds`);
  for (const name of sections) assert.equal(typeof boot[name], 'function', `boot.json has a section ${name}, which boot.js does not export`);
});

for (const [name, rows] of Object.entries(TABLE).filter(([k]) => !k.startsWith('_'))) {
  test(`${name}: the shipped boot.js gives the table's answer in all ${rows.length} rows`, () => {
    for (const row of rows) {
      const got = plain(boot[name](...row.args.map((a) => (a === null ? undefined : a))));
      assert.deepEqual(got, row.want, `${name}: ${JSON.stringify(row)}`);
    }
  });
}

test('a page without its <meta name="paypage"> and #paypage: boot.js neither throws nor calls the API', { skip: !process.env.PAYPAGE_DEVHOST }, async () => {
  const site = mkdtempSync(join(tmpdir(), 'paypage-nomount-'));
  mkdirSync(join(site, 'assets'));
  const script = SCRIPT;
  // The page's own last request: after the boot script's ready() callbacks (registered first) have
  // run, so once it is seen, any call the boot script would make has been made.
  const SENTINEL = "document.addEventListener('DOMContentLoaded', () => setTimeout(() => fetch(location.pathname + '?sentinel'), 0));";
  writeFileSync(join(site, 'index.html'), `<!DOCTYPE html><html><head><meta charset="utf-8"><script>${script}</script></head><body><p>no mount element</p><script>${SENTINEL}</script></body></html>`);
  const child = spawn(process.env.PAYPAGE_DEVHOST, ['--port', '0', '--quiet', '--static', site, '--theme', process.env.PAYPAGE_THEME_DIR], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const base = await new Promise((resolve) => createInterface({ input: child.stdout }).once('line', (l) => resolve(l.replace('devhost listening on ', '').trim())));
    const calls = [];
    let sentinel;
    const seen = new Promise((resolve) => { sentinel = resolve; });
    const watch = (page) => page.on('request', (r) => {
      if (r.url().includes('/api/')) calls.push(r.url());
      if (r.url().endsWith('?sentinel')) sentinel();
    });
    await withPage(`${base}/pay/demo_pending`, { init: watch }, async (p) => {
      await seen;
      assert.deepEqual(p.errors.filter((e) => e.startsWith('pageerror')), []);
      assert.deepEqual(calls, []);
    });
  } finally {
    child.kill();
    rmSync(site, { recursive: true, force: true });
  }
});

test('boot.js parses in older WebViews: no BigInt, ??, ?. or \\p{} in it', () => {
  // The text that ships (a minifier could write what the source does not).
  const src = SCRIPT;
  for (const [what, re] of [['BigInt', /\bBigInt\b|\b\d+n\b/], ['??', /\?\?/], ['?.', /\?\.(?!\d)/], ['\\p{}', /\\\\?p\{/]]) {
    assert.ok(!re.test(src), `boot.js uses ${what}`);
  }
  // Nor what engines without AbortController lack (iOS 11: Promise.prototype.finally).
  assert.ok(!/\.finally\(/.test(src), 'boot.js uses Promise.prototype.finally');
});

