// The dev host the suite runs against (started by `cargo xtask ci`), and its control API.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';

export const BASE = process.env.PAYPAGE_URL;
export const STATIC_BASE = process.env.PAYPAGE_STATIC_URL;
export const CSP_BASE = process.env.PAYPAGE_CSP_URL;
export const THEME_DIR = process.env.PAYPAGE_THEME_DIR;
// The same theme served with `--escape html` (GoFrame's AutoEncode; BASE is its default, raw).
export const HTML_ESCAPE_BASE = process.env.PAYPAGE_HTML_ESCAPE_URL;
// The dev host binary (for tests that start one of their own) and Go's template renderer.
export const DEVHOST = process.env.PAYPAGE_DEVHOST;
export const GORENDER = process.env.PAYPAGE_GORENDER;

assert.ok(BASE, 'PAYPAGE_URL is not set: run the suite through `cargo xtask ci`');

async function post(base, path, body) {
  const r = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  const text = await r.text();
  assert.ok(r.ok, `${path}: HTTP ${r.status} ${text}`);
  return JSON.parse(text);
}

/** Creates an order of `scenario` (see devhost's scenarios) and returns its id. */
export async function createOrder(scenario, extra = {}, base = BASE) {
  const r = await post(base, '/__dev/orders', { scenario, ...extra });
  return r.order_id;
}

/**
 * An order whose return_uri is the merchant's own page with `pay` and the order's out_order_id in
 * its path (`…/shop/pay/<out_order_id>`, an address that looks like the theme's own route): returns
 * `{ id, merchant }`. `overrides` go into the order beside that return_uri.
 */
export async function orderReturningToShopPay(overrides = {}, base = BASE) {
  const probe = await createOrder('pending', {}, base);
  const out = (await (await fetch(`${base}/__dev/page-data/${probe}`)).json()).orderInfo.out_order_id;
  assert.ok(out, 'the order has an out_order_id');
  const id = `shoppay${Date.now()}`;
  const merchant = `${base}/__dev/return/${id}/shop/pay/${out}`;
  await createOrder('pending', { order_id: id, pays_after: 600, overrides: { return_uri: merchant, pay_payed_wait_time: 1, ...overrides } }, base);
  return { id, merchant };
}

/** Marks an order paid / closed / expired from the control API (as the panel's buttons do). */
export function act(orderId, action, base = BASE) {
  return post(base, `/__dev/orders/${encodeURIComponent(orderId)}/${action}`);
}

export function setFaults(faults, base = BASE) {
  return post(base, '/__dev/faults', faults);
}

/** The API calls an order received, oldest first. */
export async function apiLog(orderId, base = BASE) {
  const r = await fetch(`${base}/__dev/log?order_id=${encodeURIComponent(orderId)}`);
  return (await r.json()).entries;
}

/** How many times the dev host's merchant page `/__dev/return/<id>` was loaded. */
export async function returnCount(orderId, base = BASE) {
  const r = await fetch(`${base}/__dev/returns/${encodeURIComponent(orderId)}`);
  return (await r.json()).count;
}

export const endpoints = (log) => log.map((e) => e.path.replace('/api/order/', ''));

/** How many calls of one endpoint (`status`, `qrcode`, ...) a call log holds. */
export const count = (log, name) => endpoints(log).filter((e) => e === name).length;

/** Waits until the order's call log satisfies `ok`, and returns it. */
export async function untilLog(id, ok, what, timeout = 15000) {
  const end = Date.now() + timeout;
  for (;;) {
    const log = await apiLog(id);
    if (ok(log)) return log;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}; calls: ${endpoints(log)}`);
    await sleep(100);
  }
}

/** Waits until the page has made at least `n` status calls for the order. */
export const statusCallsAtLeast = (id, n) => untilLog(id, (log) => count(log, 'status') >= n, `${n} status calls`);

/** The order as the control API lists it (`status`, `expire_time`, ...). */
export async function orderOf(orderId, base = BASE) {
  const r = await fetch(`${base}/__dev/orders`);
  const order = (await r.json()).orders.find((o) => o.order_id === orderId);
  assert.ok(order, `no order ${orderId}`);
  return order;
}

/** Sets one order's faults (`{ error_rate: 1, status_only: true }`, `{}` for none). */
export async function setOrderFaults(orderId, faults, base = BASE) {
  const r = await fetch(`${base}/__dev/orders/${encodeURIComponent(orderId)}/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  assert.ok(r.ok, `faults of ${orderId}: HTTP ${r.status} ${await r.text()}`);
}
