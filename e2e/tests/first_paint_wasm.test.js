// The built first-paint module (assets/firstpaint.wasm of the release theme, crates/firstpaint)
// answers the shared table fixtures/cases/first_paint.json through its raw exports, called the way
// the boot script calls them (askFirstPaint in public/boot.js). The same table holds the Rust function and
// the core (crates/firstpaint/tests/first_paint_cases.rs): the wasm the page ships is the core's rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetName } from '../lib/assets.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const THEME = process.env.PAYPAGE_THEME_DIR || join(ROOT, 'target/xarr-theme/paypage');
const WASM = join(THEME, 'assets', assetName(THEME, 'firstpaint.wasm'));
new Function(readFileSync(join(ROOT, 'public/boot.js'), 'utf8'))();
const firstPaint = globalThis.__paypageBootRules.askFirstPaint;
const TABLE = JSON.parse(readFileSync(join(ROOT, 'fixtures/cases/first_paint.json'), 'utf8'));
const FIELDS = ['user_agent', 'pay_type', 'app_schemes', 'type', 'qrcode', 'qrcode_data', 'scheme'];

async function instance() {
  const { instance } = await WebAssembly.instantiate(readFileSync(WASM), {});
  return instance.exports;
}

test('the module needs nothing from the page and exports only u32 functions', async () => {
  const module = await WebAssembly.compile(readFileSync(WASM));
  assert.deepEqual(WebAssembly.Module.imports(module), []);
  const names = WebAssembly.Module.exports(module).map((e) => e.name);
  for (const name of ['memory', 'fp_alloc', 'fp_paint']) assert.ok(names.includes(name), name);
  // No i64 in any function type (an i64 at the boundary needs BigInt, which old WebViews lack).
  const types = functionTypes(readFileSync(WASM));
  assert.ok(types.length > 0, "the type section is read");
  for (const type of types) {
    assert.ok(![...type.params, ...type.results].includes(0x7e), JSON.stringify(type));
  }
  const exports = await instance();
  assert.equal(typeof exports.fp_alloc(4), 'number');
});

/** The function types of a wasm binary's type section (value types as their byte codes). */
function functionTypes(bytes) {
  let at = 8;
  const uleb = () => {
    let n = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[at++];
      n += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) return n;
    }
  };
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = uleb();
    if (id !== 1) {
      at += size;
      continue;
    }
    const types = [];
    for (let count = uleb(); count > 0; count--) {
      assert.equal(bytes[at++], 0x60, 'a function type');
      const params = [...Array(uleb())].map(() => bytes[at++]);
      const results = [...Array(uleb())].map(() => bytes[at++]);
      types.push({ params, results });
    }
    return types;
  }
  return [];
}

test(`firstpaint.wasm paints every row of the table (${TABLE.cases.length})`, async () => {
  for (const row of TABLE.cases) {
    // One instance per row, as the page has one per load.
    const exports = await instance();
    const got = firstPaint(exports, FIELDS.map((f) => row[f]));
    assert.deepEqual(got, { picture: row.picture, link: row.link, app: row.app }, row.case);
  }
});

test('many calls on one instance answer alike (memory is leaked, never reused wrongly)', async () => {
  const exports = await instance();
  for (let round = 0; round < 3; round++) {
    for (const row of TABLE.cases) {
      assert.deepEqual(firstPaint(exports, FIELDS.map((f) => row[f])), { picture: row.picture, link: row.link, app: row.app }, row.case);
    }
  }
});

test('a large inline picture (200 KB) grows the memory and comes back whole', async () => {
  const exports = await instance();
  const picture = 'data:image/png;base64,' + 'A'.repeat(200 * 1024);
  const got = firstPaint(exports, ['iPhone Mobile', 'alipay', '', 'qrcode', '', picture, 'alipays://x']);
  assert.deepEqual(got, { picture, link: 'alipays://x', app: 'app_alipay' });
});

test('a U+0000 inside a field is left to the app', async () => {
  const exports = await instance();
  assert.equal(firstPaint(exports, ['iPhone', '', '', '', '', 'data:image/png;base64,AA\0', '']), null);
});

