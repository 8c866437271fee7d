// Screenshots of every main state at 390x844 and 1280x800, light and dark, into
// target/e2e-screens/ (look at them after a change to the look). Each one also asserts the state
// it shows is the one expected.
import { test } from 'node:test';
import { mkdirSync } from 'node:fs';
import { BASE, createOrder, act } from '../lib/host.js';
import { PayPage, withPage } from '../lib/pay_page.js';

const OUT = new URL('../../target/e2e-screens/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });

const WECHAT_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.43 NetType/WIFI Language/zh_CN';
const PHONE_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';

// name, scenario, the selector that proves the state, optional setup after load
const STATES = [
  ['pending', 'pending', '#pp-qr-code svg'],
  ['adjusted', 'adjusted', '#pp-exact'],
  ['tips', 'tip_cover2', '#pp-tips .pp-tip'],
  ['expiring', 'expiring', '#pp-countdown'],
  ['long-expiry', 'long_expiry', '#pp-countdown'],
  ['paid', 'paid', '[data-phase="paid"]'],
  ['closed', 'closed', '[data-phase="closed"]'],
  ['expired', 'expired', '[data-phase="expired"]'],
  ['failed', 'failed', '[data-phase="failed"]'],
  ['jump-refused', 'jump_refused', '#pp-jump-refused'],
  ['reconnecting', 'http500', '#pp-reconnecting'],
  ['image-only', 'image_only', '#pp-qr-image'],
  ['hostile', 'hostile', '#pp-qr-code svg'],
];

const SIZES = [
  ['390', { width: 390, height: 844 }, PHONE_UA],
  ['1280', { width: 1280, height: 800 }, undefined],
];

for (const [name, scenario, selector] of STATES) {
  test(`screens: ${name}`, async () => {
    const id = await createOrder(scenario, { overrides: { pay_payed_wait_time: 600 } });
    for (const [size, viewport, userAgent] of SIZES) {
      for (const colorScheme of ['light', 'dark']) {
        await withPage(`${BASE}/pay/${id}`, { viewport, userAgent, colorScheme }, async (p) => {
          await p.page.locator(selector).first().waitFor({ timeout: 20000 });
          await p.page.waitForTimeout(150);
          await p.page.screenshot({ path: `${OUT}${name}-${size}-${colorScheme}.png`, fullPage: true });
        });
      }
    }
  });
}

test('screens: not found, in-app guidance, paid from pending', async () => {
  let p = await PayPage.open(`${BASE}/pay/does_not_exist`);
  try {
    await p.phase('not-found');
    await p.page.screenshot({ path: `${OUT}not-found-390-light.png` });
  } finally {
    await p.close();
  }
  const id = await createOrder('in_app');
  p = await PayPage.open(`${BASE}/pay/${id}`, { userAgent: WECHAT_UA });
  try {
    await p.visible('#pp-guidance');
    await p.page.waitForTimeout(300);
    const box = await p.page.locator('#pp-guidance').boundingBox();
    if (box.width < 390 || box.height < 844) throw new Error(`the guidance overlay does not cover the screen: ${JSON.stringify(box)}`);
    await p.page.screenshot({ path: `${OUT}guidance-390-light.png` });
  } finally {
    await p.close();
  }
  const id2 = await createOrder('pending', { overrides: { pay_payed_wait_time: 600 } });
  p = await PayPage.open(`${BASE}/pay/${id2}`, { colorScheme: 'dark' });
  try {
    await p.visible('#pp-qr-code svg');
    await act(id2, 'pay');
    await p.visible('#pp-return-now');
    await p.page.screenshot({ path: `${OUT}paid-return-390-dark.png` });
  } finally {
    await p.close();
  }
});
