// public/boot.js and the core answer the shared table fixtures/cases/boot.json alike (the core
// reads it in crates/core/tests/core/boot_cases.rs): where the order comes from, which calls go out after the
// info answer, with which bodies, how the amount rendered into the page reads, which of the
// merchant's stylesheets is linked. boot.js runs before the wasm, so it cannot call the core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { withPage } from '../lib/pay_page.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const TABLE = JSON.parse(readFileSync(join(ROOT, 'fixtures/cases/boot.json'), 'utf8'));

// boot.js is a classic script (inline in the page's head); without a document it hands its rules
// to node instead of starting.
new Function(readFileSync(join(ROOT, 'public/boot.js'), 'utf8'))();
const boot = globalThis.__paypageBootRules;

test(`the order reference: boot.js gives the table's body in all ${TABLE.order_refs.length} cases`, () => {
  for (const c of TABLE.order_refs) {
    assert.equal(boot.orderBody(c.injected, c.path, c.query) ?? null, c.body, JSON.stringify(c));
  }
});

test(`the calls after info: boot.js sends what the app would, in all ${TABLE.first_calls.length} cases`, () => {
  for (const c of TABLE.first_calls) {
    const page = JSON.stringify(c.page);
    assert.deepEqual(boot.nextCalls(c.info, page, c.audio, c.kind, c.page_amount), c.calls, c.case);
  }
});

test(`the rendered amount: boot.js reads the table's yuan texts as the core does, in all ${TABLE.yuan.length} cases`, () => {
  for (const c of TABLE.yuan) {
    assert.equal(boot.parseYuan(c.text) ?? null, c.fen, JSON.stringify(c));
  }
});

test(`data-stylesheet: boot.js links the file the core accepts, in all ${TABLE.stylesheets.length} cases`, () => {
  for (const c of TABLE.stylesheets) {
    assert.equal(boot.stylesheet(c.value) ?? null, c.file, JSON.stringify(c));
  }
});

test('boot.js leaves to the app what it cannot decide the same way', () => {
  const page = '{"order_id":"P1"}';
  const info = (extra) => JSON.stringify({ code: 200, data: { status: 1, amount: 100, expire_time: 1, order_id: 'P1', ...extra } });
  // An envelope redirect: the app follows it.
  assert.equal(boot.nextCalls(JSON.stringify({ code: 200, redirect: '/elsewhere', data: { status: 1 } }), page, true), null);
  // A numeric id beyond 2^53: a double's digits and the core's may differ.
  assert.equal(boot.nextCalls(info({ order_id: 2 ** 60 + 1 }), page, true), null);
});

test('data-request-timeout-ms is read as the app reads it', () => {
  for (const [value, ms] of [[null, 8000], ['3000', 3000], [' 3000 ', 3000], ['+3000', 3000], ['499', 8000], ['600000', 600000], ['600001', 8000], ['3e3', 8000], ['abc', 8000]]) {
    assert.equal(boot.requestTimeout(value), ms, String(value));
  }
});

test('data-audio is read as the app reads it (trimmed; only "off" turns it off)', () => {
  for (const [value, on] of [[null, true], ['on', true], ['off', false], [' off ', false], ['\toff\n', false], ['OFF', true], ['no', true], ['', true], ['$' + '{.audio}', true]]) {
    assert.equal(boot.audioOn(value), on, String(value));
  }
});

test('a page without its <meta name="paypage"> and #paypage: boot.js neither throws nor calls the API', { skip: !process.env.PAYPAGE_DEVHOST }, async () => {
  const site = mkdtempSync(join(tmpdir(), 'paypage-nomount-'));
  mkdirSync(join(site, 'assets'));
    const script = readFileSync(join(ROOT, 'public/boot.js'), 'utf8');
  writeFileSync(join(site, 'index.html'), `<!DOCTYPE html><html><head><meta charset="utf-8"><script>${script}</script></head><body><p>no mount element</p></body></html>`);
  const child = spawn(process.env.PAYPAGE_DEVHOST, ['--port', '0', '--quiet', '--static', site, '--theme', process.env.PAYPAGE_THEME_DIR], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const base = await new Promise((resolve) => createInterface({ input: child.stdout }).once('line', (l) => resolve(l.replace('devhost listening on ', '').trim())));
    const calls = [];
    await withPage(`${base}/pay/demo_pending`, { init: (page) => page.on('request', (r) => { if (r.url().includes('/api/')) calls.push(r.url()); }) }, async (p) => {
      await p.page.waitForLoadState('load');
      await p.page.waitForTimeout(500);
      assert.deepEqual(p.errors.filter((e) => e.startsWith('pageerror')), []);
      assert.deepEqual(calls, []);
    });
  } finally {
    child.kill();
    rmSync(site, { recursive: true, force: true });
  }
});

test('boot.js parses in older WebViews: no BigInt, ??, ?. or \\p{} in it', () => {
  const src = readFileSync(join(ROOT, 'public/boot.js'), 'utf8').replace(/\/\/.*$/gm, '');
  for (const [what, re] of [['BigInt', /\bBigInt\b|\b\d+n\b/], ['??', /\?\?/], ['?.', /\?\.(?!\d)/], ['\\p{}', /\\\\?p\{/]]) {
    assert.ok(!re.test(src), `boot.js uses ${what}`);
  }
  // Nor what engines without AbortController lack (iOS 11: Promise.prototype.finally).
  assert.ok(!/\.finally\(/.test(src), 'boot.js uses Promise.prototype.finally');
});


// The first screen's language and words (fixtures/cases/boot_words.json; the core reads it in
// crates/core/tests/core/boot_words.rs), and the picture a browser without WebAssembly shows
// (every row of fixtures/cases/first_paint.json: the core's `picture`).
const WORDS = JSON.parse(readFileSync(join(ROOT, 'fixtures/cases/boot_words.json'), 'utf8'));
const PAINTS = JSON.parse(readFileSync(join(ROOT, 'fixtures/cases/first_paint.json'), 'utf8')).cases;

test(`the page's language: boot.js chooses the app's, in all ${WORDS.locales.length} cases`, () => {
  for (const c of WORDS.locales) {
    assert.equal(boot.chooseLocale(c.query, c.lang, c.languages), c.locale, JSON.stringify(c));
  }
});

test(`the merchant's texts: boot.js reads data-texts as the app does, in all ${WORDS.texts.length} cases`, () => {
  for (const c of WORDS.texts) {
    const got = boot.merchantText(c.texts, c.locale, c.key);
    assert.equal(got === undefined ? null : got, c.text, JSON.stringify(c));
  }
});

test(`without WebAssembly: boot.js shows the server's picture the core shows, in all ${PAINTS.length} rows`, () => {
  let unsure = 0;
  for (const row of PAINTS) {
    // The answer's texts as the boot script reads them (qrFields: trimmed).
    const answer = JSON.stringify({ code: 200, data: { type: row.type, qrcode: row.qrcode, qrcode_data: row.qrcode_data, scheme: row.scheme } });
    const [type, qrcode, data] = boot.qrFields(answer);
    const got = boot.inlinePicture(type, qrcode, data);
    if ('no_wasm_picture' in row) {
      // Where it reads less than the core, it shows nothing, never another picture.
      assert.equal(got, boot.UNSURE, row.case);
      assert.equal(row.no_wasm_picture, null, row.case);
      unsure += 1;
    } else {
      assert.equal(got, row.picture, row.case);
    }
  }
  assert.ok(unsure <= 2, 'the table marks few rows as beyond the boot script');
});

test('the amount in words: yuan with two decimals, as core::money::yuan_with_sign writes it', () => {
  for (const [fen, text] of [['0', '¥0.00'], ['5', '¥0.05'], ['10', '¥0.10'], ['100', '¥1.00'], ['1001', '¥10.01'], ['9223372036854775807', '¥92233720368547758.07']]) {
    assert.equal(boot.yuanText(fen), text, fen);
  }
  assert.equal(boot.amountToPay('{"code":200,"data":{"amount":1000,"trade_amount":"999"}}'), '999');
  assert.equal(boot.amountToPay('{"code":200,"data":{"amount":"1000"}}'), '1000');
  assert.equal(boot.amountToPay('{"code":200,"data":{}}'), undefined);
});

test("when the page's HTML arrived: the navigation's responseStart when sane, else the boot's now", () => {
  const now = 1_700_000_000_000;
  assert.equal(boot.htmlArrival({ navigationStart: now - 900, responseStart: now - 400 }, now), now - 400);
  assert.equal(boot.htmlArrival(undefined, now), now);
  assert.equal(boot.htmlArrival({ responseStart: 0 }, now), now);
  assert.equal(boot.htmlArrival({ responseStart: now + 5 }, now), now, 'not in the future');
  assert.equal(boot.htmlArrival({ responseStart: now - 7_200_000 }, now), now, 'not hours ago');
  assert.equal(boot.htmlArrival({ navigationStart: now - 100, responseStart: now - 400 }, now), now, 'not before the navigation');
});
