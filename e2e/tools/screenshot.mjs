// node e2e/tools/screenshot.mjs <url> <out.png> [width] [height] [light|dark]
// Opens the page in Debian's Chromium and saves a screenshot once the page has settled.
import { launch } from '../lib/browser.js';

const [url, out, width = '390', height = '844', scheme = 'light'] = process.argv.slice(2);
const browser = await launch();
try {
  const context = await browser.newContext({
    viewport: { width: Number(width), height: Number(height) },
    deviceScaleFactor: 2,
    colorScheme: scheme,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('#pp-qr-code, [data-phase]:not([data-phase="pending"])', { timeout: 15000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: out });
  console.log(`screenshot: ${out}`);
} finally {
  await browser.close();
}
