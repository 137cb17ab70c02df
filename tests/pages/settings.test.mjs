// The user's `[clock]` settings reach the pages: the core decides a drop's urgency and a slot's
// phase by `warn_at`, `ending_seconds` and `heads_up_seconds`, and the countdown overlay and the
// host view show what it decided, with no threshold of their own.
//
// Run: node --test tests/pages/

import { test } from "node:test";
import assert from "node:assert/strict";

import { servePages, until } from "./harness.mjs";

// Far from the defaults (ending 60 s, warn_at [60, 30], heads-up 60 s): a page that still used
// thresholds of its own would show these drops and this slot as calm.
const { pandu, open } = servePages({
  config: `[clock]
ending_seconds = 200
warn_at = [150]
heads_up_seconds = 500
`,
});

const attribute = (page, selector, name) =>
  page.locator(selector).first().getAttribute(name);

const PORTRAIT = { viewport: { width: 1080, height: 1920 } };

test("a drop's urgency on the overlay and the host view follows warn_at and ending_seconds", async () => {
  const overlay = await open("/overlay/countdown", PORTRAIT);
  const host = await open(pandu.hostPath, PORTRAIT);
  // 140 s left: inside warn_at's 150 s, the last call. 190 s: inside ending_seconds only.
  await pandu.api("POST", "/api/flash-sales", {
    product: "Panggilan Terakhir",
    price: "Rp10.000",
    seconds: 140,
  });
  await pandu.api("POST", "/api/flash-sales", {
    product: "Hampir Habis",
    price: "Rp20.000",
    seconds: 190,
  });
  for (const { page } of [overlay, host]) {
    const last = page.locator(".drop", { hasText: "Panggilan Terakhir" });
    const ending = page.locator(".drop", { hasText: "Hampir Habis" });
    await last.waitFor({ timeout: 10_000 });
    await ending.waitFor({ timeout: 10_000 });
    assert.equal(await last.getAttribute("data-urgency"), "final");
    assert.equal(await ending.getAttribute("data-urgency"), "ending");
  }
  assert.deepEqual(overlay.trouble, []);
  assert.deepEqual(host.trouble, []);
  await overlay.page.close();
  await host.page.close();
});

test("the slot's heads-up on the host view follows heads_up_seconds", async () => {
  const { page, trouble } = await open(pandu.hostPath, PORTRAIT);
  await pandu.startRunSheet({
    name: "Uji ambang",
    slots: [
      {
        product: "Sepatu Lari",
        price: "Rp250.000",
        seconds: 400,
        talking_points: "",
        drop: null,
      },
    ],
  });
  // 400 s left, within the 500 s heads-up: wrap up now, not in the last minute.
  await until(
    "the slot's heads-up",
    10_000,
    async () => (await attribute(page, "#slot", "data-phase")) === "heads_up",
  );
  assert.deepEqual(trouble, []);
  await page.close();
});
