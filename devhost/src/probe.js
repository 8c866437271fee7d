// devhost --probe: loaded first by every page so that WebDriver tests (which cannot listen to the
// browser's console the way Playwright does) can read what went wrong: `window.__ppProbe`.
(function () {
  'use strict';
  var probe = { errors: [], violations: [], pwned: 0 };
  window.__ppProbe = probe;
  var text = function (v) {
    try { return v && v.stack ? String(v.stack) : String(v); } catch (e) { return '?'; }
  };
  window.addEventListener('error', function (e) {
    // Resource load failures (an <img> with a refused URL) are events on the element, not errors.
    if (e.target && e.target !== window) return;
    probe.errors.push('error: ' + (e.message || text(e.error)));
  }, true);
  window.addEventListener('unhandledrejection', function (e) {
    probe.errors.push('unhandled rejection: ' + text(e.reason));
  });
  var consoleError = console.error;
  console.error = function () {
    var parts = [];
    for (var i = 0; i < arguments.length; i++) parts.push(text(arguments[i]));
    probe.errors.push('console.error: ' + parts.join(' '));
    return consoleError.apply(console, arguments);
  };
  document.addEventListener('securitypolicyviolation', function (e) {
    probe.violations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || ''));
  });
  // The hostile fixtures write to window.__pwned and call alert(): count any that runs.
  Object.defineProperty(window, '__pwned', {
    configurable: false,
    get: function () { return undefined; },
    set: function () { probe.pwned += 1; },
  });
  window.alert = function () { probe.pwned += 1; };
})();
