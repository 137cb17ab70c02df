// Debian's Chromium, headless, driven by playwright-core (no browser download): shared by the
// page tests and the soak. CHROMIUM_PATH overrides the browser (default /usr/bin/chromium).

import { chromium } from "../../ui/node_modules/playwright-core/index.mjs";

/** Debian's Chromium, headless, with nothing of its own going to the network. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
