// The merchant guide (docs/merchant-guide.zh-CN.md), followed literally on a copied theme folder:
// brand colour, logo and one text changed in index.html show up in the dev host preview without
// recompiling; an edit of the merchant's own stylesheet reloads the open page (--live); the own
// stylesheet under the strict CSP, and the upgrade of section 8 run command by command; both
// looks, light and dark, at 390 px and 1280 px (screenshots in target/e2e-screens/).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, appendFileSync, mkdirSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, basename } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { THEME_DIR } from '../lib/host.js';
import { withPage } from '../lib/pay_page.js';

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
    await p.visible('#pp-qr-code svg');
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
  setAttributes(dir, `data-brand-color="reddish" data-colour="#fff" data-texts='{"no_such_key": "x"}' data-stylesheet="../main.css"`);
  const base = await devhost(dir);
  const warnings = [];
  await withPage(`${base}/pay/demo_pending`, async (p) => {
    p.page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await p.page.reload();
    await p.visible('#pp-qr-code svg');
    const all = warnings.join('\n');
    for (const key of ['data-brand-color', 'data-colour', "'no_such_key'", 'data-stylesheet']) assert.ok(all.includes(key), `${key} not reported: ${all}`);
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
          await p.visible('#pp-qr-code svg');
          assert.equal(await p.page.getAttribute('.pp-root', 'data-look'), look);
          if (look === 'banner') {
            const bg = await p.page.evaluate(() => getComputedStyle(document.getElementById('pp-header')).backgroundColor);
            assert.equal(bg, 'rgb(22, 104, 220)', 'the banner header carries the brand colour');
          }
          await p.page.waitForTimeout(250); // past the entry animation
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
  const shipped = [...readdirSync(THEME_DIR), ...readdirSync(join(THEME_DIR, 'assets'))].filter((n) => n !== 'assets');
  assert.deepEqual(listed.filter((n) => n !== 'screenshot.png' || shipped.includes(n)).sort(), shipped.sort(), 'section 8 lists the package\'s files');

  // Installed: templates/pay/paypage, a package marked as the old version.
  const pay = join(mkdtempSync(join(tmpdir(), 'paypage-upgrade-')), 'templates/pay');
  const dir = join(pay, 'paypage');
  mkdirSync(pay, { recursive: true });
  cpSync(THEME_DIR, dir, { recursive: true });
  appendFileSync(join(dir, 'assets/main.css'), '\n/* the old version */\n');
  const css = '.pp-amount-value { color: rgb(1, 2, 3); }\n:root { --pp-radius: 3px; }\n';
  writeFileSync(join(dir, 'assets/custom.css'), css);
  const base = await devhost(dir, ['--csp']);

  // Without data-stylesheet the file is not even asked for.
  await withPage(`${base}/pay/demo_pending`, async (p) => {
    const seen = watchRequests(p.page);
    await p.page.reload();
    await p.visible('#pp-qr-code svg');
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
  assert.ok(!readFileSync(join(dir, 'assets/main.css'), 'utf8').includes('the old version'), 'the package\'s files are replaced');
  assert.equal(readFileSync(join(dir, 'assets/custom.css'), 'utf8'), css, 'custom.css is kept');
  assert.ok(!readFileSync(join(dir, 'index.html'), 'utf8').includes('data-stylesheet'), 'the new pages come without the attributes: the step by hand');
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
