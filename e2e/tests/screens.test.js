// Screenshots of every main state at 390x844 and 1280x800, light and dark, into
// target/e2e-screens/ (look at them after a change to the look). Each one also asserts the state
// it shows is the one expected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { BASE, createOrder, act } from '../lib/host.js';
import { PayPage, withPage, animationsDone } from '../lib/pay_page.js';

const OUT = new URL('../../target/e2e-screens/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });

const WECHAT_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.43 NetType/WIFI Language/zh_CN';
const PHONE_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';

// name, scenario, the selector that proves the state, the phase it must be, and a text of the
// state that must show (zh-CN)
const STATES = [
  ['pending', 'pending', '#pp-qr-code', 'pending', ['#pp-scan-hint', /请使用支付宝扫码支付/]],
  ['adjusted', 'adjusted', '#pp-exact', 'pending', ['#pp-exact', /请务必支付 ¥10\.01/]],
  ['tips', 'tip_cover2', '#pp-tips .pp-tip', 'pending', ['#pp-tips', /请及时支付/]],
  ['expiring', 'expiring', '#pp-countdown', 'pending', ['#pp-countdown', /即将过期/]],
  ['long-expiry', 'long_expiry', '#pp-countdown', 'pending', ['#pp-countdown', /\d:\d\d:\d\d/]],
  ['paid', 'paid', '[data-phase="paid"]', 'paid', ['[data-phase="paid"]', /支付成功/]],
  ['closed', 'closed', '[data-phase="closed"]', 'closed', ['[data-phase="closed"]', /订单已关闭/]],
  ['expired', 'expired', '[data-phase="expired"]', 'expired', ['[data-phase="expired"]', /订单已过期/]],
  ['failed', 'failed', '[data-phase="failed"]', 'failed', ['[data-phase="failed"]', /订单创建失败/]],
  ['jump-refused', 'jump_refused', '#pp-jump-refused', 'pending', ['#pp-jump-refused', /支付地址不安全/]],
  ['reconnecting', 'http500', '#pp-reconnecting', 'pending', ['#pp-reconnecting', /网络不稳定/]],
  ['image-only', 'image_only', '#pp-qr-code[data-source="server"]', 'pending', ['#pp-scan-hint', /请使用支付宝扫码支付/]],
  ['hostile', 'hostile', '#pp-qr-code', 'pending', ['#pp-subject', /<script>window\.__pwned=1<\/script>/]],
];

const SIZES = [
  ['390', { width: 390, height: 844 }, PHONE_UA],
  ['1280', { width: 1280, height: 800 }, undefined],
];

for (const [name, scenario, selector, phase, [textSelector, text]] of STATES) {
  test(`screens: ${name}`, async () => {
    const id = await createOrder(scenario, { overrides: { pay_payed_wait_time: 600 } });
    for (const [size, viewport, userAgent] of SIZES) {
      for (const colorScheme of ['light', 'dark']) {
        await withPage(`${BASE}/pay/${id}`, { viewport, userAgent, colorScheme }, async (p) => {
          await p.page.locator(selector).first().waitFor({ timeout: 20000 });
          assert.equal(await p.page.getAttribute('[data-phase]', 'data-phase'), phase, `${name}: phase`);
          assert.match(await p.text(textSelector), text, `${name}: ${textSelector}`);
          await animationsDone(p);
          await p.page.screenshot({ path: `${OUT}${name}-${size}-${colorScheme}.png`, fullPage: true });
          p.assertHealthy();
        });
      }
    }
  });
}

test('screens: not found, in-app guidance, paid from pending', async () => {
  let p = await PayPage.open(`${BASE}/pay/does_not_exist`);
  try {
    await p.phase('not-found');
    assert.match(await p.text('[data-phase="not-found"]'), /订单不存在/);
    await p.page.screenshot({ path: `${OUT}not-found-390-light.png` });
  } finally {
    await p.close();
  }
  const id = await createOrder('in_app');
  p = await PayPage.open(`${BASE}/pay/${id}`, { userAgent: WECHAT_UA });
  try {
    await p.visible('#pp-guidance');
    assert.match(await p.text('#pp-guidance'), /请在手机浏览器中打开/);
    await animationsDone(p);
    const box = await p.page.locator('#pp-guidance').boundingBox();
    if (box.width < 390 || box.height < 844) throw new Error(`the guidance overlay does not cover the screen: ${JSON.stringify(box)}`);
    await p.page.screenshot({ path: `${OUT}guidance-390-light.png` });
  } finally {
    await p.close();
  }
  const id2 = await createOrder('pending', { overrides: { pay_payed_wait_time: 600 } });
  p = await PayPage.open(`${BASE}/pay/${id2}`, { colorScheme: 'dark' });
  try {
    await p.visible('#pp-qr-code');
    await act(id2, 'pay');
    await p.visible('#pp-return-now');
    await p.phase('paid');
    assert.match(await p.text('#pp-return-now'), /立即返回商户/);
    await p.page.screenshot({ path: `${OUT}paid-return-390-dark.png` });
  } finally {
    await p.close();
  }
});
