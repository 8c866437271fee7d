// What differs by engine and device: languages, autoplay, clipboard, dark mode, in-app browsers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, createOrder, returnCount, statusCallsAtLeast } from '../lib/host.js';
import { ENGINE, withSession } from '../lib/webdriver.js';

const IOS_WECHAT = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.43 NetType/WIFI Language/zh_CN';
const IOS_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

test('?lang=en: English texts and <html lang="en">', async () => {
  const id = await createOrder('pending');
  await withSession(async (s) => {
    await s.goto(`${BASE}/pay/${id}?lang=en`);
    await s.visible('#pp-amount-label');
    assert.equal(await s.text('#pp-amount-label'), 'Amount to pay');
    assert.equal(await s.eval(() => document.documentElement.lang), 'en');
    await s.assertHealthy();
  });
});

test('autoplay blocked by the engine: "tap to hear" is offered and plays', async () => {
  const id = await createOrder('audio');
  await withSession({ autoplay: false }, async (s) => {
    await s.goto(`${BASE}/pay/${id}`);
    await s.visible('#pp-audio-tap');
    await s.click('#pp-audio-tap');
    await s.until(() => ['playing', 'done'].includes(document.querySelector('#pp-audio').dataset.state), { what: 'audio playing or done' });
    await s.assertHealthy();
  });
});

test('speech: spoken when the engine has a voice; without one, no "tap to hear" that cannot work', async () => {
  const id = await createOrder('speech');
  await withSession(async (s) => {
    await s.goto(`${BASE}/pay/${id}`);
    await s.visible('#pp-qr-code');
    const outcome = await s.until(() => {
      const el = document.querySelector('#pp-audio');
      if (!el) return 'no control';
      return ['playing', 'done', 'blocked'].includes(el.dataset.state) && el.dataset.state;
    }, { what: 'the prompt spoken, or the control gone' });
    const voices = await s.eval(() => speechSynthesis.getVoices().length);
    console.log(`# ${s.browserVersion}: ${voices} voices, speech ${outcome}`);
    if (voices === 0) {
      // Firefox without a speech engine: its error has no code; a tap would fail the same way.
      // Whatever the page does after the failed prompt, it has done by a ticking frame's polls.
      await s.afterStatusPolls(2);
      assert.equal(await s.count('#pp-audio-tap'), 0, 'no "tap to hear" when nothing can speak');
    } else {
      assert.notEqual(outcome, 'no control');
    }
    await s.assertHealthy();
  });
});

test('copy: the async clipboard when the engine has it, the fallback when it does not', async () => {
  const id = await createOrder('adjusted');
  await withSession(async (s) => {
    await s.goto(`${BASE}/pay/${id}`);
    await s.visible('#pp-copy-amount');
    await s.click('#pp-copy-amount');
    await s.until(() => document.querySelector('#pp-copy-amount').dataset.state === 'copied', { what: 'copied' });
    assert.match(await s.text('#pp-copy-amount'), /已复制/);
    const read = await s.cmd('POST', '/execute/async', {
      script: 'const done = arguments[0]; navigator.clipboard.readText().then(done, (e) => done("unreadable: " + e.name));',
      args: [],
    });
    if (!String(read).startsWith('unreadable')) assert.equal(read, '10.01');
    else console.log(`# ${s.browserVersion}: the clipboard cannot be read back here (${read})`);
    await s.goto(`${BASE}/pay/${id}`);
    await s.visible('#pp-copy-order');
    await s.withoutAsyncClipboard();
    await s.click('#pp-copy-order');
    await s.until(() => document.querySelector('#pp-copy-order').dataset.state === 'copied', { what: 'copied by the fallback' });
    await s.assertHealthy();
  });
});

test('dark mode from the engine\'s colour scheme', async () => {
  const id = await createOrder('pending');
  for (const dark of [false, true]) {
    await withSession({ dark }, async (s) => {
      await s.goto(`${BASE}/pay/${id}`);
      await s.visible('#pp-qr-code');
      const bg = await s.eval(() => getComputedStyle(document.querySelector('.pp-main')).backgroundColor);
      assert.equal(bg, dark ? 'rgb(26, 29, 36)' : 'rgb(255, 255, 255)', dark ? 'dark' : 'light');
      await s.assertHealthy();
    });
  }
});

test('iOS WeChat: an Alipay order shows the open-in-browser guidance and never opens the app', { skip: ENGINE !== 'webkit' && 'iOS user agents run in WebKit' }, async () => {
  const id = await createOrder('in_app', { qrcode_overrides: { scheme: `${BASE}/__dev/return/in_app_probe` } });
  await withSession({ ua: IOS_WECHAT }, async (s) => {
    await s.goto(`${BASE}/pay/${id}`);
    assert.match(await s.eval(() => navigator.userAgent), /MicroMessenger/);
    await s.visible('#pp-guidance');
    await s.until(() => /浏览器/.test(document.querySelector('#pp-guidance').innerText), { what: 'the guidance names the browser' });
    assert.equal(await s.count('#pp-open-app'), 0);
    await s.afterStatusPolls(2);
    assert.equal(await returnCount('in_app_probe'), 0, 'the app link was not opened');
    await s.click('#pp-guidance-close');
    assert.equal(await s.count('#pp-guidance'), 0);
    await s.assertHealthy();
  });
});

test('iOS Safari: an http(s) app link is never opened by itself (it would replace the pay page), and the open-app button links it', { skip: ENGINE !== 'webkit' && 'iOS user agents run in WebKit' }, async () => {
  const id = await createOrder('pending');
  const link = `${BASE}/__dev/return/${id}`;
  const auto = await createOrder('pending', { qrcode_overrides: { scheme: link } });
  await withSession({ ua: IOS_SAFARI }, async (s) => {
    await s.goto(`${BASE}/pay/${auto}`);
    await s.visible('#pp-open-app');
    // The server said is_auto_open on every status answer: two of them have come and gone.
    await statusCallsAtLeast(auto, 2);
    assert.equal(await s.url(), `${BASE}/pay/${auto}`, 'the pay page stays');
    assert.equal(await returnCount(id), 0, 'not opened by itself');
    assert.equal(await s.attr('#pp-open-app', 'href'), link);
    const manual = await createOrder('pending', { qrcode_overrides: { scheme: link }, overrides: { is_auto_open: 0 } });
    await s.goto(`${BASE}/pay/${manual}`);
    await s.visible('#pp-open-app');
    assert.equal(await s.attr('#pp-open-app', 'href'), link);
    // iOS ignores `download` on a data URL: no save link, the long-press hint on the image.
    await s.visible('#pp-long-press');
    assert.equal(await s.count('#pp-save-qr'), 0);
    assert.equal(await s.eval(() => document.querySelector('#pp-qr-code').tagName), 'IMG');
    await s.assertHealthy();
  });
});
