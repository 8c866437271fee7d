// An upgrade behind a warm browser cache never mixes versions (issue 27, point 1). Version A is the
// built theme, installed as templates/pay/paypage and served by a dev host of its own; a page is
// loaded in a browser context that keeps its HTTP cache; version B is made from A the honest way
// (its wasm's bytes changed, and in the first case its JS too, then `cargo xtask rehash`, the
// packaging's renaming step), zipped, and unzipped over the folder as the merchant guide's section 8
// says; the page is loaded again in the same context. B's files run, no file of A is asked for,
// and what B did not change comes from the cache.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { THEME_DIR, DEVHOST, createOrder } from '../lib/host.js';
import { PayPage } from '../lib/pay_page.js';
import { NAMED_BY, assetName } from '../lib/assets.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const IMMUTABLE = 'public, max-age=31536000, immutable';
const hosts = [];
const dirs = [];
after(() => {
  for (const h of hosts) h.kill();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** A dev host on the installed folder (`--port 0`: it prints its address). */
function devhost(themeDir) {
  const child = spawn(DEVHOST, ['--theme', themeDir, '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  hosts.push(child);
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(line.replace('devhost listening on ', '').trim()));
    child.once('error', reject);
  });
}

/** The installed version A (templates/pay/paypage) and the folder new versions are made in. */
function install() {
  const top = mkdtempSync(join(tmpdir(), 'paypage-upgrade-cache-'));
  dirs.push(top);
  const pay = join(top, 'templates/pay');
  mkdirSync(pay, { recursive: true });
  cpSync(THEME_DIR, join(pay, 'paypage'), { recursive: true });
  return { pay, dir: join(pay, 'paypage'), work: join(top, 'new') };
}

/** A wasm custom section `paypage_version` holding `mark` (engines skip custom sections). */
function customSection(mark) {
  const leb = (n) => { const out = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n); return out; };
  const name = Buffer.from('paypage_version');
  const body = Buffer.concat([Buffer.from(leb(name.length)), name, Buffer.from(mark)]);
  return Buffer.concat([Buffer.from([0, ...leb(body.length)]), body]);
}

/**
 * Version B from the built theme: its wasm marked `mark` (and its JS too when `js`), renamed by
 * `cargo xtask rehash` and zipped as `cargo xtask theme --zip` zips. Returns the zip and B's names.
 */
function makeVersion(work, mark, { js }) {
  rmSync(work, { recursive: true, force: true });
  const dir = join(work, 'paypage');
  cpSync(THEME_DIR, dir, { recursive: true });
  appendFileSync(join(dir, 'assets', assetName(dir, 'paypage_bg.wasm')), customSection(mark));
  if (js) appendFileSync(join(dir, 'assets', assetName(dir, 'paypage.js')), `\nglobalThis.__paypageVersion = '${mark}';\n`);
  run('cargo', ['xtask', 'rehash', dir], ROOT);
  const zip = join(work, 'paypage.zip');
  run('python3', ['-m', 'zipfile', '-c', zip, 'paypage/'], work);
  return { zip, names: names(dir) };
}

/** The content-named files' names in a theme folder, by logical name. */
const names = (dir) => Object.fromEntries(Object.keys(NAMED_BY).map((l) => [l, assetName(dir, l)]));

/**
 * Every asset the page asks for on one load, through the DevTools protocol: its file name, whether
 * the cache answered, the Cache-Control it came with, and (for the wasm) its body.
 */
async function recordLoads(p) {
  const cdp = await p.context.newCDPSession(p.page);
  await cdp.send('Network.enable');
  const loads = [];
  const byId = new Map();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!e.request.url.includes('/assets/')) return;
    const f = { file: e.request.url.replace(/^.*\/assets\//, '').replace(/\?.*/, ''), cached: false, id: e.requestId };
    byId.set(e.requestId, f);
    loads.at(-1)?.push(f);
  });
  cdp.on('Network.requestServedFromCache', (e) => { if (byId.has(e.requestId)) byId.get(e.requestId).cached = true; });
  cdp.on('Network.responseReceived', (e) => {
    const f = byId.get(e.requestId);
    if (!f) return;
    if (e.response.fromDiskCache || e.response.fromMemoryCache) f.cached = true;
    f.cache = e.response.headers['cache-control'] || e.response.headers['Cache-Control'];
  });
  const bodies = new Map();
  p.page.on('response', (r) => { if (/\.wasm$/.test(r.url())) bodies.set(r.url().replace(/^.*\/assets\//, ''), r.body().catch(() => null)); });
  return {
    /** Loads `url` and waits for the app to run; returns what was asked for. */
    async load(url) {
      const seen = [];
      loads.push(seen);
      await p.page.goto(url);
      await p.visible('#pp-qr-code', 20000);
      await p.page.locator('#pp-countdown').first().waitFor({ state: 'visible', timeout: 10000 });
      return seen;
    },
    body: (file) => bodies.get(file),
  };
}

const files = (seen) => seen.map((f) => f.file);
const fromNetwork = (seen) => seen.filter((f) => !f.cached).map((f) => f.file);
const fromCache = (seen) => seen.filter((f) => f.cached).map((f) => f.file);
const ends = (buf, tail) => buf && Buffer.compare(buf.subarray(buf.length - tail.length), tail) === 0;

async function upgradeCase({ js, mark }) {
  const { pay, dir, work } = install();
  const a = names(dir);
  const base = await devhost(dir);
  const id = await createOrder('pending', {}, base);
  const url = `${base}/pay/${id}`;
  const p = await PayPage.open('about:blank');
  try {
    const rec = await recordLoads(p);
    // Version A: each of its files from the network, to be kept for good.
    const first = await rec.load(url);
    for (const file of Object.values(a)) {
      const got = first.find((f) => f.file === file);
      assert.ok(got, `version A asked for ${file}: ${files(first).join(', ')}`);
      assert.equal(got.cache, IMMUTABLE, `${file} is served immutable`);
    }
    assert.equal(await p.page.evaluate(() => globalThis.__paypageVersion), undefined);

    // Version B, unzipped over the installed folder (the guide's step 2).
    const b = makeVersion(work, mark, { js });
    run('unzip', ['-o', '-q', b.zip], pay);
    assert.notEqual(b.names['paypage_bg.wasm'], a['paypage_bg.wasm'], 'B\'s wasm has a new name');
    assert.equal(b.names['firstpaint.wasm'], a['firstpaint.wasm'], 'an unchanged file keeps its name');
    assert.equal(b.names['paypage.js'] !== a['paypage.js'], js, 'the JS is renamed only when it changed');

    const second = await rec.load(url);
    // No file of A that B replaced is asked for, not even from the cache.
    const replaced = Object.keys(a).filter((l) => a[l] !== b.names[l]).map((l) => a[l]);
    assert.deepEqual(files(second).filter((f) => replaced.includes(f)), [], 'no file of A is asked for');
    // B's new files came from the server, and what B shares with A from the warm cache.
    for (const l of Object.keys(a)) {
      const file = b.names[l];
      const got = second.find((f) => f.file === file);
      assert.ok(got, `B asked for ${file}: ${files(second).join(', ')}`);
      if (a[l] === file) assert.ok(got.cached, `${file} (unchanged) comes from the cache: from the network ${fromNetwork(second).join(', ')}`);
      else assert.ok(!got.cached, `${file} (new) comes from the server: from the cache ${fromCache(second).join(', ')}`);
    }
    // B's wasm is what ran: the bytes the app got carry B's mark, and (when B's JS changed) B's JS ran.
    assert.ok(ends(await rec.body(b.names['paypage_bg.wasm']), customSection(mark)), 'the app got B\'s wasm');
    assert.equal(await p.page.evaluate(() => globalThis.__paypageVersion), js ? mark : undefined, 'B\'s JS ran');
    p.assertHealthy();
  } finally {
    await p.close();
  }
}

test('an upgrade over a warm cache runs the new version\'s files and asks for none of the old', { skip: !THEME_DIR || !DEVHOST }, async () => {
  await upgradeCase({ js: true, mark: 'B' });
});

test('an upgrade that changes only the wasm loads the new wasm with the cache warm', { skip: !THEME_DIR || !DEVHOST }, async () => {
  await upgradeCase({ js: false, mark: 'W' });
});

// The installed folder keeps what a page of A still open could ask for: A's files stay beside B's.
test('unzipping over the folder leaves the old version\'s files beside the new', { skip: !THEME_DIR }, () => {
  const { pay, dir, work } = install();
  const a = names(dir);
  const b = makeVersion(work, 'K', { js: false });
  run('unzip', ['-o', '-q', b.zip], pay);
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  assert.ok(html.includes(`"${b.names['paypage_bg.wasm']}"`) && !html.includes(`"${a['paypage_bg.wasm']}"`), 'the pages name B\'s wasm');
  for (const file of [a['paypage_bg.wasm'], b.names['paypage_bg.wasm']]) assert.ok(readFileSync(join(dir, 'assets', file)).length > 0, file);
});
