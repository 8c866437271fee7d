// The one way the suite starts Chromium: Debian's build, headless, no sandbox (CI runs as root),
// and no background networking (this machine has no internet).
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function launch({ autoplay = false } = {}) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-dev-shm-usage',
      ...(autoplay ? ['--autoplay-policy=no-user-gesture-required'] : [])],
  });
}
