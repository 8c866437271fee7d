// The merchant guide (docs/merchant-guide.zh-CN.md), followed literally on a copied theme folder:
// brand colour, logo and one text changed in index.html show up in the dev host preview without
// recompiling; an edit of the merchant's own stylesheet reloads the open page (--live); the own
// stylesheet under the strict CSP, and the upgrade of section 8 run command by command; the poll
// settings' clamping reported; the grace time after the countdown; an API on another origin with
// and without CORS; both looks, light and dark, at 390 px and 1280 px (screenshots in
// target/e2e-screens/).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, appendFileSync, mkdirSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, basename } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { THEME_DIR, createOrder, act } from '../lib/host.js';
import { withPage, animationsDone } from '../lib/pay_page.js';
import { assetName } from '../lib/assets.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const OUT = join(ROOT, 'target/e2e-screens/');
mkdirSync(OUT, { recursive: true });
const hosts = [];
after(() => { for (const h of hosts) h.kill(); });

/** `cargo run -p devhost -- --theme DIR --live` (the guide's command), already built by xtask. */
function devhost(themeDir, extra = []) {
  const child = spawn(join(ROOT, 'target/debug/devhost'), ['--theme', themeDir, '--port', '0', '--quiet', '--live', ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  hosts.push(child);
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(line.replace('devhost listening on ', '').trim()));
    child.once('error', reject);
  });
}

function copyTheme() {
  const dir = join(mkdtempSync(join(tmpdir(), 'paypage-merchant-')), 'paypage');
  cpSync(THEME_DIR, dir, { recursive: true });
  return dir;
}

/** Adds attributes to <div id="paypage" in the three pages, as the guide says. */
function setAttributes(dir, attrs) {
  for (const page of ['index.html', 'status.html', 'separate.html']) {
    const file = join(dir, page);
    const html = readFileSync(file, 'utf8');
    assert.ok(html.includes('<div id="paypage"'), page);
    writeFileSync(file, html.replace('<div id="paypage"', `<div id="paypage" ${attrs}`));
  }
}

test('the guide: brand colour, logo and a text changed without recompiling; edits of your stylesheet reload live', { skip: !THEME_DIR }, async () => {
  const dir = copyTheme();
  writeFileSync(join(dir, 'assets/logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="30" fill="#d4380d"/></svg>');
  writeFileSync(join(dir, 'assets/custom.css'), ':root { --pp-radius: 4px; }\n');
  setAttributes(dir, `data-brand-color="#d4380d" data-logo="\${.templateAssets}/logo.svg" data-merchant-name="示例商店" data-texts='{"amount_label": "本单应付"}' data-stylesheet="custom.css"`);
  const base = await devhost(dir);
  await withPage(`${base}/pay/demo_pending`, async (p) => {
    await p.visible('#pp-qr-code');
    assert.equal(await p.text('#pp-amount-label'), '本单应付');
    assert.equal(await p.text('#pp-merchant'), '示例商店');
    assert.match(await p.page.getAttribute('#pp-logo', 'src'), /\/templates\/pay\/paypage\/assets\/logo\.svg$/);
    // The logo loads on its own schedule: the QR may be on screen before it.
    await p.page.waitForFunction(() => document.getElementById('pp-logo').complete && document.getElementById('pp-logo').naturalWidth > 0, null, { timeout: 10000 });
    const brand = await p.page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--pp-brand').trim());
    assert.equal(brand, '#d4380d');
    await p.page.screenshot({ path: join(OUT, 'merchant-custom-390-light.png') });

    // Live reload: an edit of the merchant's stylesheet (section 3) shows up in the open page.
    appendFileSync(join(dir, 'assets/custom.css'), '\n.pp-amount-value { color: rgb(1, 2, 3); }\n');
    await p.page.waitForFunction(() => {
      const el = document.querySelector('.pp-amount-value');
      return el && getComputedStyle(el).color === 'rgb(1, 2, 3)';
    }, null, { timeout: 15000 });
  });
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

test('bad configuration is reported in the console by key, and the page still works', { skip: !THEME_DIR }, async () => {
  const dir = copyTheme();
  // Each poll value is accepted alone (500 to 600000), but not together: the page uses 1000 and
  // 1000, and says so.
  setAttributes(dir, `data-brand-color="reddish" data-colour="#fff" data-texts='{"no_such_key": "x"}' data-stylesheet="../main.css" data-poll-visible-ms="500" data-poll-hidden-ms="800"`);
  const base = await devhost(dir);
  const warnings = [];
  await withPage(`${base}/pay/demo_pending`, async (p) => {
    p.page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await p.page.reload();
    await p.visible('#pp-qr-code');
    const all = warnings.join('\n');
    for (const key of ['data-brand-color', 'data-colour', "'no_such_key'", 'data-stylesheet', 'data-poll-visible-ms: 500', 'data-poll-hidden-ms: 800']) assert.ok(all.includes(key), `${key} not reported: ${all}`);
    assert.match(all, /data-poll-visible-ms: 500 [^\n]*using 1000/);
    assert.match(all, /data-poll-hidden-ms: 800 [^\n]*using 1000/);
  });
});

test('both looks, light and dark, 390 px and 1280 px', { skip: !THEME_DIR }, async () => {
  for (const look of ['card', 'banner']) {
    const dir = copyTheme();
    setAttributes(dir, `data-look="${look}" data-merchant-name="示例商店"`);
    const base = await devhost(dir);
    for (const [w, h] of [[390, 844], [1280, 800]]) {
      for (const colorScheme of ['light', 'dark']) {
        await withPage(`${base}/pay/demo_tip_cover2`, { viewport: { width: w, height: h }, colorScheme }, async (p) => {
          await p.visible('#pp-qr-code');
          assert.equal(await p.page.getAttribute('.pp-root', 'data-look'), look);
          if (look === 'banner') {
            const bg = await p.page.evaluate(() => getComputedStyle(document.getElementById('pp-header')).backgroundColor);
            assert.equal(bg, 'rgb(22, 104, 220)', 'the banner header carries the brand colour');
          }
          await animationsDone(p); // past the entry animation
          await p.page.screenshot({ path: join(OUT, `look-${look}-${w}-${colorScheme}.png`), fullPage: true });
          p.assertHealthy();
        });
      }
    }
  }
});

/** Runs one shell command as the guide writes it, in `cwd`: its output (a failing grep is no error). */
function sh(command, cwd) {
  const r = spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8' });
  assert.ok(r.status === 0 || (r.status === 1 && /\| grep /.test(command)), `${command}: ${r.status} ${r.stderr}`);
  return r.stdout;
}

/** Section 8 of the English guide: its text and the commands of its `sh` block (`cd` left out). */
function upgradeSection() {
  const guide = readFileSync(join(ROOT, 'docs/merchant-guide.en.md'), 'utf8');
  const text = guide.slice(guide.indexOf('## 8.'));
  const block = text.slice(text.indexOf('```sh\n') + 6, text.indexOf('\n```', text.indexOf('```sh\n')));
  const commands = block.split('\n').filter((l) => !l.startsWith('cd ')).map((l) => l.replace(/\s+# .*$/, ''));
  return { text, commands };
}

/** The attributes a merchant added to `<div id="paypage"` (not data-page, not data-inject-*). */
const merchantAttributes = (tag) => (tag.match(/ data-[a-z-]+=("[^"]*"|'[^']*')/g) ?? [])
  .map((a) => a.trim()).filter((a) => !/^data-(page|inject-)/.test(a));

/** Every request the page makes, and the answers of 400 and above. */
function watchRequests(page) {
  const seen = { urls: [], failed: [] };
  page.on('request', (r) => seen.urls.push(r.url()));
  page.on('response', (r) => { if (r.status() >= 400) seen.failed.push(`${r.status()} ${r.url()}`); });
  return seen;
}

const amountColour = (p) => p.page.evaluate(() => getComputedStyle(document.querySelector('.pp-amount-value')).color);

test('the guide: your own stylesheet applies under the strict CSP, and the upgrade of section 8 keeps it', { skip: !THEME_DIR }, async () => {
  // The guide's list of what a package replaces is the package.
  const { text, commands } = upgradeSection();
  const listed = text.slice(0, text.indexOf('Your changes')).match(/`[^`]+`/g).map((c) => c.slice(1, -1)).filter((n) => n !== 'assets/');
  // The content-named files by their pattern: the guide names them `paypage-<hash>.js`.
  const shipped = [...readdirSync(THEME_DIR), ...readdirSync(join(THEME_DIR, 'assets'))].filter((n) => n !== 'assets')
    .map((n) => n.replace(/-[0-9a-f]{8}(\.(?:js|wasm))$/, '-<hash>$1'));
  assert.deepEqual(listed.filter((n) => n !== 'screenshot.png' || shipped.includes(n)).sort(), shipped.sort(), 'section 8 lists the package\'s files');

  // Installed: templates/pay/paypage, a package marked as the old version.
  const pay = join(mkdtempSync(join(tmpdir(), 'paypage-upgrade-')), 'templates/pay');
  const dir = join(pay, 'paypage');
  mkdirSync(pay, { recursive: true });
  cpSync(THEME_DIR, dir, { recursive: true });
  const appJs = join(dir, 'assets', assetName(dir, 'paypage.js'));
  appendFileSync(appJs, '\n/* the old version */\n');
  const css = '.pp-amount-value { color: rgb(1, 2, 3); }\n:root { --pp-radius: 3px; }\n';
  writeFileSync(join(dir, 'assets/custom.css'), css);
  const base = await devhost(dir, ['--csp']);

  // Without data-stylesheet the file is not even asked for.
  await withPage(`${base}/pay/demo_pending`, async (p) => {
    const seen = watchRequests(p.page);
    await p.page.reload();
    await p.visible('#pp-qr-code');
    assert.notEqual(await amountColour(p), 'rgb(1, 2, 3)');
    assert.deepEqual(seen.urls.filter((u) => u.includes('custom.css')), []);
    assert.deepEqual(seen.failed, []);
    p.assertHealthy();
  });

  // Section 3: named on the three pages, it applies, under style-src 'self', with no failed request.
  setAttributes(dir, 'data-stylesheet="custom.css" data-merchant-name="示例商店"');
  const applies = async (path) => withPage(`${base}${path}`, async (p) => {
    const seen = watchRequests(p.page);
    await p.page.reload();
    await p.visible('.pp-amount-value');
    await p.page.waitForFunction(() => getComputedStyle(document.querySelector('.pp-amount-value')).color === 'rgb(1, 2, 3)', null, { timeout: 10000 });
    assert.equal(await p.page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--pp-radius').trim()), '3px');
    assert.equal(await p.text('#pp-merchant'), '示例商店');
    assert.deepEqual(seen.urls.filter((u) => u.includes('custom.css')), [`${base}/templates/pay/paypage/assets/custom.css`]);
    assert.deepEqual(seen.failed, []);
    p.assertHealthy();
  });
  await applies('/pay/demo_pending');
  await applies('/pay/status?order_id=demo_pending');

  // Section 8, command by command, with a new version's zip made as `cargo xtask theme --zip` makes it.
  const zip = join(dirname(pay), 'paypage.zip');
  const made = spawnSync('python3', ['-m', 'zipfile', '-c', zip, `${basename(THEME_DIR)}/`], { cwd: dirname(THEME_DIR), encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  assert.equal(commands.length, 4, commands.join('\n'));
  const [backup, unzip, show, missing] = commands.map((c) => c.replace('/tmp/paypage.zip', zip));
  sh(backup, pay);
  sh(unzip, pay);
  const oldTag = sh(show, pay);
  assert.equal(sh(missing, pay), '', 'no file of the merchant is missing after unzipping over the folder');
  assert.ok(!readFileSync(appJs, 'utf8').includes('the old version'), 'the package\'s files are replaced');
  assert.equal(readFileSync(join(dir, 'assets/custom.css'), 'utf8'), css, 'custom.css is kept');
  assert.doesNotMatch(readFileSync(join(dir, 'index.html'), 'utf8'), /<div id="paypage"[^>]*data-stylesheet/, 'the new pages come without the attributes: the step by hand');
  // The step by hand: the attributes step 3 prints, into each new page.
  assert.deepEqual(merchantAttributes(oldTag), ['data-stylesheet="custom.css"', 'data-merchant-name="示例商店"']);
  for (const page of ['index.html', 'status.html', 'separate.html']) {
    const attrs = merchantAttributes(sh(show.replace('index.html', page), pay));
    const file = join(dir, page);
    writeFileSync(file, readFileSync(file, 'utf8').replace('<div id="paypage"', `<div id="paypage" ${attrs.join(' ')}`));
  }
  await applies('/pay/demo_pending');
  await applies('/pay/status?order_id=demo_pending');

  // Deleting the folder instead of unzipping over it loses custom.css: step 4 names it.
  rmSync(dir, { recursive: true });
  sh(unzip, pay);
  assert.match(sh(missing, pay), /^Only in paypage\.bak\/assets: custom\.css$/m);
  rmSync(dirname(dirname(pay)), { recursive: true, force: true });
});

const withClock = (page) => page.clock.install({ time: Date.now() });

/** Moves the page's clock on in steps, letting real network answers land between them. */
async function advance(p, ms, step = 1000) {
  for (let t = 0; t < ms; t += step) {
    await p.page.clock.runFor(step);
    await p.page.waitForTimeout(40);
  }
}

test('data-expiry-grace-secs: a payment in the grace time still shows success; after it the order shows as expired', { skip: !THEME_DIR }, async () => {
  const dir = copyTheme();
  // A long return delay keeps the success screen up while the clock runs on.
  setAttributes(dir, 'data-expiry-grace-secs="60" data-return-delay="600"');
  const base = await devhost(dir);
  // The server takes a payment for an hour after expire_time: only the page's grace time decides.
  const order = () => createOrder('pending', { expires_in: 5, expiry_grace: 3600 }, base);
  const late = await order();
  await withPage(`${base}/pay/${late}`, { init: withClock }, async (p) => {
    await p.visible('#pp-qr-code');
    await advance(p, 10000);
    await p.visible('#pp-checking');
    await act(late, 'pay', base);
    await advance(p, 10000);
    await p.phase('paid');
    p.assertHealthy();
  });
  const unpaid = await order();
  await withPage(`${base}/pay/${unpaid}`, { init: withClock }, async (p) => {
    await p.visible('#pp-qr-code');
    await advance(p, 10000, 2000);
    await p.visible('#pp-checking');
    await advance(p, 40000, 2000); // about 45 s after the countdown: still checking
    assert.equal(await p.page.locator('[data-phase="pending"]').count(), 1);
    await advance(p, 30000, 2000); // past 60 s (the default, 180, would still be checking)
    await p.phase('expired');
    p.assertHealthy();
  });
});

/**
 * An API origin in front of the dev host's API: CORS as the guide says (`cors`), the `Date`
 * header exposed or not (`exposeDate`) and `dateShiftMs` ahead of the real time. Records what it
 * was asked.
 */
async function apiOrigin(target, { cors = true, exposeDate = true, dateShiftMs = 0 } = {}) {
  const log = [];
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    log.push({ method: req.method, url: req.url, origin: req.headers.origin, preflight: req.headers['access-control-request-headers'] });
    const allow = cors ? { 'Access-Control-Allow-Origin': req.headers.origin ?? '*' } : {};
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors ? { ...allow, 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'Content-Type' } : {});
      res.end();
      return;
    }
    const r = await fetch(target + req.url, { method: req.method, headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) });
    res.writeHead(r.status, {
      ...allow,
      ...(cors && exposeDate ? { 'Access-Control-Expose-Headers': 'Date' } : {}),
      'Content-Type': 'application/json',
      Date: new Date(Date.now() + dateShiftMs).toUTCString(),
    });
    res.end(await r.text());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  hosts.push({ kill: () => server.close() });
  return { url: `http://127.0.0.1:${server.address().port}`, log };
}

test('data-api-base on another origin: works with CORS (preflight), no early calls; without CORS the service is unreachable', { skip: !THEME_DIR }, async () => {
  const dir = copyTheme();
  const base = await devhost(dir);
  const good = await apiOrigin(base);
  setAttributes(dir, `data-api-base="${good.url}"`);
  await withPage(`${base}/pay/demo_pending`, async (p) => {
    await p.visible('#pp-qr-code');
    assert.equal(await p.page.evaluate(() => window.__paypagePrefetch), undefined, 'boot.js sent no early call');
    const preflight = good.log.find((e) => e.method === 'OPTIONS' && e.url.startsWith('/api/order/info'));
    assert.ok(preflight, 'a preflight before the first call');
    assert.equal(preflight.preflight, 'content-type');
    const posts = good.log.filter((e) => e.method === 'POST');
    assert.deepEqual([...new Set(posts.map((e) => e.url.replace(/\?.*/, '')))].sort(), ['/api/order/audio', '/api/order/info', '/api/order/qrcode', '/api/order/status']);
    assert.ok(posts.every((e) => e.origin === base), 'from the pay page\'s origin');
    p.assertHealthy();
  });

  const none = await apiOrigin(base, { cors: false });
  const dir2 = copyTheme();
  setAttributes(dir2, `data-api-base="${none.url}"`);
  const base2 = await devhost(dir2);
  await withPage(`${base2}/pay/demo_pending`, async (p) => {
    await p.phase('unavailable');
    assert.ok(none.log.some((e) => e.method === 'OPTIONS'), 'the browser asked');
    assert.ok(!none.log.some((e) => e.method === 'POST'), 'and sent no call');
  });
});

test('data-api-base on another origin: without Access-Control-Expose-Headers: Date a page without the server time counts down on the phone\'s clock', { skip: !THEME_DIR }, async () => {
  // Outside XArr (plain static hosting): no server time rendered into the page.
  const site = join(mkdtempSync(join(tmpdir(), 'paypage-static-')), 'site');
  cpSync(join(dirname(dirname(THEME_DIR)), 'static-site'), site, { recursive: true });
  const tenMinutes = 10 * 60 * 1000;
  const remaining = async (exposeDate) => {
    const page = join(site, 'index.html');
    const html = readFileSync(page, 'utf8');
    const host = await devhost(THEME_DIR, ['--static', site]);
    // The API's clock is ten minutes ahead of this machine's (the phone's).
    const api = await apiOrigin(host, { exposeDate, dateShiftMs: tenMinutes });
    writeFileSync(page, html.replace('<div id="paypage"', `<div id="paypage" data-api-base="${api.url}"`));
    const id = await createOrder('pending', { expires_in: 1800 }, host);
    try {
      return await withPage(`${host}/pay/${id}`, async (p) => {
        await p.visible('#pp-countdown');
        assert.equal(await p.page.getAttribute('#paypage', 'data-inject-server-time'), '${.server_time | html}', 'no server time in the page');
        p.assertHealthy();
        return Number(await p.page.getAttribute('#pp-countdown', 'data-remaining'));
      });
    } finally {
      writeFileSync(page, html);
    }
  };
  // The order ends 30 minutes from now by the API's clock too (the proxy shifts only the header).
  const exposed = await remaining(true);
  assert.ok(exposed > 1200 - 30 && exposed <= 1200, `with Date exposed: the server's clock, ${exposed} s left`);
  const hidden = await remaining(false);
  assert.ok(hidden > 1800 - 30 && hidden <= 1800, `without: the phone's clock, ${hidden} s left`);
});
