// The theme's files named by their content (`cargo xtask theme`, xtask/src/hashnames.rs):
// paypage-<hash>.js, paypage_bg-<hash>.wasm, firstpaint-<hash>.wasm, named by the pages'
// <meta name="paypage"> attributes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The attribute of <meta name="paypage"> that names each content-named file. */
export const NAMED_BY = { 'paypage.js': 'data-app-js', 'paypage_bg.wasm': 'data-app-wasm', 'firstpaint.wasm': 'data-first-paint' };

/** A file's logical name: `paypage_bg-3f2a9c1d.wasm` -> `paypage_bg.wasm`; others as they are. */
export const logicalName = (name) => name.replace(/-[0-9a-f]{8}(\.(?:js|wasm))$/, '$1');

/** A URL (or path) whose file is `logical`, content-named or not: for page.route and filters. */
export function fileUrl(logical) {
  const dot = logical.lastIndexOf('.');
  const [stem, ext] = [logical.slice(0, dot), logical.slice(dot + 1)];
  return new RegExp(`/${stem}(-[0-9a-f]{8})?\\.${ext}(\\?.*)?$`);
}

/** The name of the file `logical` in a theme folder's assets/, as its index.html names it. */
export function assetName(themeDir, logical) {
  const attr = NAMED_BY[logical];
  if (!attr) return logical;
  const html = readFileSync(join(themeDir, 'index.html'), 'utf8');
  const m = html.match(new RegExp(` ${attr}="([^"]+)"`));
  if (!m) throw new Error(`${themeDir}/index.html names no ${logical} (${attr})`);
  return m[1];
}
