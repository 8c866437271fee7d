// Steps the engine tests share.
import { BASE, act } from '../lib/host.js';

/** Opens the pay page of the pending order `id`, waits for its code, pays it from the dev host and
 * waits for the paid screen, with the page healthy so far. */
export async function payOnPage(s, id) {
  await s.goto(`${BASE}/pay/${id}`);
  await s.visible('#pp-qr-code');
  await act(id, 'pay');
  await s.phase('paid');
  await s.assertHealthy();
}
