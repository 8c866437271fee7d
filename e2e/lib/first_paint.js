// What the page paints before the app runs, decided by the core: the boot script's side of
// crates/firstpaint (assets/firstpaint.wasm, raw exports, no glue). Written for the boot script to
// copy: no syntax newer than it may use (no `?.`, `??`, BigInt), no import the module needs.
//
// `exports` is the instance's exports (`WebAssembly.instantiate(bytes, {})`); `fields` the seven
// strings in the table's order (fixtures/cases/first_paint.json): the user agent, info's pay_type,
// the page's data-app-schemes, the qrcode answer's type, qrcode, qrcode_data and scheme, as they
// come (absent: ''; the module trims as the app does). Returns { picture, link } (null: none), or
// null when a field holds U+0000 (the separator): the app decides then.
export function firstPaint(exports, fields) {
  var text = fields.map(function (f) { return f == null ? '' : String(f); });
  if (text.join('').indexOf('\0') >= 0) return null;
  var bytes = new TextEncoder().encode(text.join('\0'));
  var at = exports.fp_alloc(bytes.length) >>> 0;
  new Uint8Array(exports.memory.buffer, at, bytes.length).set(bytes);
  var out = exports.fp_paint(at, bytes.length) >>> 0;
  // Read after the call: the memory may have grown, and an old buffer is detached.
  var view = new DataView(exports.memory.buffer);
  function read(i) {
    var len = view.getUint32(out + 8 * i + 4, true);
    if (!len) return null;
    var from = view.getUint32(out + 8 * i, true);
    return new TextDecoder().decode(new Uint8Array(exports.memory.buffer, from, len));
  }
  return { picture: read(0), link: read(1) };
}
