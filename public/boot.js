// paypage boot module: starts the WebAssembly app. External (no inline script) so the page works
// under a strict Content-Security-Policy and XArr's template engine never sees a `${` here.
import init from './paypage.js';

function bootFailed(error) {
  console.error('paypage: failed to start', error);
  const el = document.getElementById('paypage');
  if (el) {
    el.setAttribute('data-boot-error', 'true');
    const p = document.createElement('p');
    p.className = 'pp-boot-error';
    p.setAttribute('role', 'alert');
    p.textContent = '页面加载失败,请刷新重试。 The page failed to load; please reload.';
    el.appendChild(p);
  }
}

// Outside XArr the pre-rendered amount still holds the raw template text: hide it at once.
for (const el of document.querySelectorAll('.pp-boot-only')) {
  if (el.textContent.indexOf('$' + '{') !== -1) el.hidden = true;
}

init({ module_or_path: new URL('paypage_bg.wasm', import.meta.url) }).catch(bootFailed);
