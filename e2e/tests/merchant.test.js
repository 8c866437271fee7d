// The merchant guide (docs/merchant-guide.zh-CN.md), followed literally on a copied theme folder:
// brand colour, logo and one text changed in index.html show up in the dev host preview without
// recompiling; a CSS edit reloads the open page (--live); both looks, light and dark, at 390 px
// and 1280 px (screenshots in target/e2e-screens/).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { THEME_DIR } from '../lib/host.js';
import { withPage } from '../lib/pay_page.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const OUT = join(ROOT, 'target/e2e-screens/');
mkdirSync(OUT, { recursive: true });
const hosts = [];
after(() => { for (const h of hosts) h.kill(); });

/** `cargo run -p devhost -- --theme DIR --live` (the guide's command), already built by xtask. */
function devhost(themeDir) {
  const child = spawn(join(ROOT, 'target/debug/devhost'), ['--theme', themeDir, '--port', '0', '--quiet', '--live'], { stdio: ['ignore', 'pipe', 'inherit'] });
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

test('the guide: brand colour, logo and a text changed without recompiling; CSS edits reload live', { skip: !THEME_DIR }, async () => {
  const dir = copyTheme();
  writeFileSync(join(dir, 'assets/logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="30" fill="#d4380d"/></svg>');
  setAttributes(dir, `data-brand-color="#d4380d" data-logo="\${.templateAssets}/logo.svg" data-merchant-name="示例商店" data-texts='{"amount_label": "本单应付"}'`);
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

    // Live reload: a CSS edit shows up in the open page.
    appendFileSync(join(dir, 'assets/main.css'), '\n.pp-amount-value { color: rgb(1, 2, 3); }\n');
    await p.page.waitForFunction(() => {
      const el = document.querySelector('.pp-amount-value');
      return el && getComputedStyle(el).color === 'rgb(1, 2, 3)';
    }, null, { timeout: 15000 });
  });
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

test('bad configuration is reported in the console by key, and the page still works', { skip: !THEME_DIR }, async () => {
  const dir = copyTheme();
  setAttributes(dir, `data-brand-color="reddish" data-colour="#fff" data-texts='{"no_such_key": "x"}'`);
  const base = await devhost(dir);
  const warnings = [];
  await withPage(`${base}/pay/demo_pending`, async (p) => {
    p.page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await p.page.reload();
    await p.visible('#pp-qr-code svg');
    const all = warnings.join('\n');
    for (const key of ['data-brand-color', 'data-colour', "'no_such_key'"]) assert.ok(all.includes(key), `${key} not reported: ${all}`);
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
