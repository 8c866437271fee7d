// Phones, in-app browsers, audio, copy buttons, languages, sizes and dark mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import { BASE, createOrder, statusCallsAtLeast, apiLog, count } from '../lib/host.js';

const statusCallsOf = async (id) => count(await apiLog(id), 'status');
import { withPage, appOpens } from '../lib/pay_page.js';
import { decodeQr } from '../engines/qr.js';

const PHONE = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';
const WECHAT = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.43 NetType/WIFI Language/zh_CN';
const IOS_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1';
const APP_LINK = 'https://app-link.example/open?order=1';
const routeAppLink = (page) => page.context().route('https://app-link.example/**', (r) => r.fulfill({ body: 'app', contentType: 'text/html' }));

test('is_auto_open on a phone opens an app scheme once, after the QR is shown; an http(s) link never by itself', async () => {
  // The page records the opening per order and tab (sessionStorage) just before it opens the link;
  // opening alipays:// goes nowhere in a test browser, so that record is what a test can see.
  const opened = (p, id) => p.page.evaluate((key) => sessionStorage.getItem(key), `paypage-app-opened:${id}`);
  const scheme = 'alipays://platformapi/startapp?saId=10000007&auto=1';
  const id = await createOrder('pending', { qrcode_overrides: { scheme } });
  await withPage(`${BASE}/pay/${id}`, { userAgent: PHONE }, async (p) => {
    const opens = await appOpens(p);
    await p.visible('#pp-qr-code');
    await opens.atLeast(1);
    await p.page.waitForFunction((key) => sessionStorage.getItem(key) === '1', `paypage-app-opened:${id}`, { timeout: 10000 });
    // Two more status answers with is_auto_open come and go: no second opening.
    const after = await statusCallsOf(id);
    await statusCallsAtLeast(id, after + 2);
    assert.deepEqual(opens(), [scheme], 'opened exactly once');
    assert.equal(p.page.url(), `${BASE}/pay/${id}`, 'the pay page stays');
    assert.equal(await p.page.getAttribute('#pp-open-app', 'href'), scheme);
    p.assertHealthy();
  });
  // An app's universal link (https) would replace the pay page itself: it stays a button.
  const web = await createOrder('pending', { qrcode_overrides: { scheme: APP_LINK } });
  await withPage(`${BASE}/pay/${web}`, { userAgent: PHONE, init: routeAppLink }, async (p) => {
    await p.visible('#pp-open-app');
    await statusCallsAtLeast(web, 2);
    assert.ok(!p.navigations.includes(APP_LINK), `navigated: ${p.navigations}`);
    assert.equal(await opened(p, web), null);
    assert.equal(await p.page.getAttribute('#pp-open-app', 'href'), APP_LINK);
    p.assertHealthy();
  });
});

test('never automatically on a desktop; the open-app button only on phones', async () => {
  const id = await createOrder('pending', { qrcode_overrides: { scheme: APP_LINK } });
  await withPage(`${BASE}/pay/${id}`, { init: routeAppLink }, async (p) => {
    await p.visible('#pp-qr-code');
    // Two status answers (each could open the app) come and go first.
    await statusCallsAtLeast(id, 2);
    assert.ok(!p.navigations.includes(APP_LINK));
    assert.equal(await p.page.locator('#pp-open-app').count(), 0);
    // A desktop browser downloads the picture: the save link, no long-press hint.
    await p.visible('#pp-save-qr');
    assert.equal(await p.page.locator('#pp-long-press').count(), 0);
  });
  const id2 = await createOrder('pending', { qrcode_overrides: { scheme: APP_LINK }, overrides: { is_auto_open: 0 } });
  await withPage(`${BASE}/pay/${id2}`, { userAgent: PHONE, init: routeAppLink }, async (q) => {
    await q.visible('#pp-open-app');
    assert.equal(await q.page.getAttribute('#pp-open-app', 'href'), APP_LINK);
    await q.visible('#pp-save-qr');
    assert.equal(await q.page.locator('#pp-long-press').count(), 0);
  });
});

/** The code on screen: one `<img>` (the page's PNG or the server's picture), as the page has it. */
async function codeImage(p) {
  await p.visible('#pp-qr-code');
  return p.page.evaluate(() => {
    const img = document.querySelector('#pp-qr-code');
    return {
      tag: img.tagName,
      alt: img.alt,
      source: img.dataset.source,
      payload: img.dataset.payload ?? null,
      src: img.getAttribute('src'),
      pictures: document.querySelectorAll('#pp-qr img, #pp-qr svg, #pp-qr canvas').length,
      width: img.getBoundingClientRect().width,
      height: img.getBoundingClientRect().height,
    };
  });
}

test('the QR is one image a customer can long-press, saved the browser\'s way, the app link beside it', async () => {
  const alipay = await createOrder('pending', { overrides: { is_auto_open: 0 } });
  const wechat = await createOrder('adjusted', { overrides: { is_auto_open: 0 } });
  // [browser, user agent, order, the save link, the long-press hint, the open-app link]
  const rows = [
    ['desktop Chromium', undefined, alipay, true, null, false],
    ['Android Chrome', PHONE, alipay, true, null, true],
    ['Android Chrome, WeChat Pay', PHONE, wechat, true, null, true],
    ['iOS Safari', IOS_SAFARI, alipay, false, 'save', true],
    ['WeChat, a WeChat Pay code', WECHAT, wechat, false, 'recognize', true],
    ['WeChat, an Alipay code (blocked there)', WECHAT, alipay, false, 'save', false],
  ];
  for (const [name, userAgent, id, link, hint, openApp] of rows) {
    await withPage(`${BASE}/pay/${id}`, { userAgent }, async (p) => {
      const img = await codeImage(p);
      assert.equal(img.tag, 'IMG', name);
      assert.equal(img.pictures, 1, `${name}: one picture`);
      assert.match(img.alt, /^(支付宝|微信)付款二维码,金额 ¥10\.0\d$/, name);
      assert.ok(['page', 'server'].includes(img.source), `${name}: data-source ${img.source}`);
      if (img.source === 'page') assert.match(img.payload, /^(https:\/\/qr\.alipay\.com\/|wxp:\/\/)/, name);
      assert.match(img.src, /^data:image\//, name);
      // The same box for either source (the first paint puts its picture there too).
      assert.deepEqual([Math.round(img.width), Math.round(img.height)], [220, 220], name);
      assert.equal(await p.page.locator('#pp-save-qr').count(), link ? 1 : 0, `${name}: save link`);
      if (link) assert.equal(await p.page.getAttribute('#pp-save-qr', 'href'), img.src, name);
      assert.equal(await p.page.locator('#pp-long-press').count(), hint ? 1 : 0, `${name}: hint`);
      if (hint) assert.equal(await p.page.getAttribute('#pp-long-press', 'data-action'), hint, name);
      if (hint === 'recognize') assert.match(await p.text('#pp-long-press'), /识别图中二维码/, name);
      assert.equal(await p.page.locator('#pp-open-app').count(), openApp ? 1 : 0, `${name}: open-app link`);
      p.assertHealthy();
    });
  }
});

test('"save" downloads the picture on screen; the page\'s own is sharp at the pixel ratio and scans', async () => {
  const id = await createOrder('adjusted', { overrides: { is_auto_open: 0 } });
  for (const deviceScaleFactor of [1, 3]) {
    await withPage(`${BASE}/pay/${id}`, { userAgent: PHONE, deviceScaleFactor }, async (p) => {
      await p.visible('#pp-save-qr');
      const img = await codeImage(p);
      await p.page.waitForFunction(() => document.querySelector('#pp-qr-code').complete && document.querySelector('#pp-qr-code').naturalWidth > 0);
      const [download] = await Promise.all([p.page.waitForEvent('download'), p.page.click('#pp-save-qr')]);
      const bytes = await readFile(await download.path());
      assert.ok(bytes.equals(Buffer.from(img.src.slice(img.src.indexOf(',') + 1), 'base64')), 'the file is the picture on screen');
      assert.match(download.suggestedFilename(), /^qrcode\.(png|jpg|gif|webp|bmp)$/);
      const shot = PNG.sync.read(await p.page.locator('#pp-qr-code').screenshot());
      const seen = decodeQr(shot);
      if (img.source === 'page') {
        const png = PNG.sync.read(bytes);
        assert.equal(decodeQr(png), img.payload, 'the saved file scans');
        assert.ok(png.width >= 220 * deviceScaleFactor, `${png.width} px at ${deviceScaleFactor}x`);
        assert.equal(seen, img.payload, 'the painted code scans');
      } else if (seen !== null) {
        assert.equal(seen, 'wxp://f2f0dd2nT0ExampleWechatPayload', 'the server\'s picture scans to the order\'s code');
      }
      p.assertHealthy();
    });
  }
});

test('inside WeChat an Alipay order shows the open-in-browser guidance and never auto-opens', async () => {
  const id = await createOrder('in_app', { qrcode_overrides: { scheme: APP_LINK } });
  await withPage(`${BASE}/pay/${id}`, { userAgent: WECHAT, init: routeAppLink }, async (p) => {
    await p.visible('#pp-guidance');
    assert.match(await p.text('#pp-guidance'), /浏览器/);
    await statusCallsAtLeast(id, 2);
    assert.ok(!p.navigations.includes(APP_LINK));
    assert.equal(await p.page.locator('#pp-open-app').count(), 0);
    await p.page.click('#pp-guidance-close');
    assert.equal(await p.page.locator('#pp-guidance').count(), 0);
  });
});

test('audio: plays once the QR is shown when autoplay is allowed', async () => {
  const id = await createOrder('audio');
  await withPage(`${BASE}/pay/${id}`, { autoplay: true }, async (p) => {
    await p.visible('#pp-qr-code');
    await p.page.waitForSelector('#pp-audio[data-state="done"], #pp-audio[data-state="playing"]', { timeout: 5000 });
    assert.equal(await p.page.locator('#pp-audio-tap').count(), 0);
    p.assertHealthy();
  });
});

test('audio: blocked autoplay shows "tap to hear", which plays; mute persists', async () => {
  const id = await createOrder('audio');
  await withPage(`${BASE}/pay/${id}`, {
    init: (page) => page.addInitScript(() => {
      // The browser refuses the first (automatic) play, as autoplay policies do.
      let calls = 0;
      HTMLMediaElement.prototype.play = function () {
        calls += 1;
        if (calls === 1) return Promise.reject(new DOMException('blocked', 'NotAllowedError'));
        window.__played = (window.__played || 0) + 1;
        return Promise.resolve();
      };
    }),
  }, async (p) => {
    await p.visible('#pp-audio-tap');
    await p.page.click('#pp-audio-tap');
    await p.page.waitForFunction(() => window.__played === 1);
    await p.page.click('#pp-audio-mute');
    assert.equal(await p.page.getAttribute('#pp-audio-mute', 'aria-pressed'), 'true');
    assert.equal(await p.page.evaluate(() => localStorage.getItem('paypage.muted')), '1');
  });
});

test('audio: without audio_url the text is spoken with zh-CN speech synthesis', async () => {
  const id = await createOrder('speech');
  await withPage(`${BASE}/pay/${id}`, {
    init: (page) => page.addInitScript(() => {
      window.__spoken = [];
      speechSynthesis.speak = (u) => { window.__spoken.push([u.text, u.lang]); setTimeout(() => u.onend && u.onend(), 10); };
    }),
  }, async (p) => {
    await p.visible('#pp-qr-code');
    await p.page.waitForFunction(() => window.__spoken.length === 1);
    assert.deepEqual(await p.page.evaluate(() => window.__spoken[0]), ['请支付10.00元', 'zh-CN']);
  });
});

test('copy buttons copy and say so', async () => {
  const id = await createOrder('adjusted');
  await withPage(`${BASE}/pay/${id}`, { permissions: ['clipboard-read', 'clipboard-write'] }, async (p) => {
    await p.visible('#pp-copy-amount');
    await p.page.click('#pp-copy-amount');
    await p.page.waitForSelector('#pp-copy-amount[data-state="copied"]');
    assert.match(await p.text('#pp-copy-amount'), /已复制/);
    assert.equal(await p.page.evaluate(() => navigator.clipboard.readText()), '10.01');
    await p.page.click('#pp-copy-order');
    await p.page.waitForSelector('#pp-copy-order[data-state="copied"]');
    assert.equal(await p.page.evaluate(() => navigator.clipboard.readText()), id);
    await p.page.waitForSelector('#pp-copy-order[data-state="idle"]', { timeout: 4000 });
  });
});

test('languages: zh-CN by default, zh-TW and en from the browser, ?lang= wins', async () => {
  const id = await createOrder('pending');
  const cases = [
    [`${BASE}/pay/${id}`, 'zh-CN', '应付金额', 'zh-CN'],
    [`${BASE}/pay/${id}`, 'zh-TW', '應付金額', 'zh-TW'],
    [`${BASE}/pay/${id}`, 'en-US', 'Amount to pay', 'en'],
    [`${BASE}/pay/${id}?lang=en`, 'zh-CN', 'Amount to pay', 'en'],
    [`${BASE}/pay/${id}?lang=zh-TW`, 'en-US', '應付金額', 'zh-TW'],
  ];
  for (const [url, locale, label, lang] of cases) {
    await withPage(url, { locale }, async (p) => {
      await p.visible('#pp-amount-label');
      assert.equal(await p.text('#pp-amount-label'), label, `${url} ${locale}`);
      assert.equal(await p.page.getAttribute('html', 'lang'), lang);
    });
  }
});

test('390 px and 1280 px, light and dark: nothing overflows, dark mode applies', async () => {
  const id = await createOrder('tip_cover2');
  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
    for (const colorScheme of ['light', 'dark']) {
      await withPage(`${BASE}/pay/${id}`, { viewport, colorScheme }, async (p) => {
        await p.visible('#pp-qr-code');
        const overflow = await p.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${viewport.width} ${colorScheme}: horizontal overflow ${overflow}`);
        const bg = await p.page.evaluate(() => getComputedStyle(document.querySelector('.pp-main')).backgroundColor);
        assert.equal(bg, colorScheme === 'dark' ? 'rgb(26, 29, 36)' : 'rgb(255, 255, 255)');
        const qr = await p.page.locator('#pp-qr-code').boundingBox();
        assert.equal(Math.round(qr.width), 220, `QR ${qr.width}px`);
      });
    }
  }
});
