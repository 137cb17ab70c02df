// The host view's "do not read aloud" banner follows the core's rule (`Comment.banner`), the same
// one the window keeps: a scam warning is not pushed away by an ordinary flagged comment, and a
// banner stays up for the time the core gave (8 s), not a number of the page's own.
//
// Run: node --test tests/pages/

import { test } from "node:test";
import assert from "node:assert/strict";

import { servePages, sleep, untilText } from "./harness.mjs";

const { pandu, open } = servePages({
  config: `[moderation]
shop_accounts = ["novilla.official", "Novilla Official"]
`,
});

const chat = (msgId, uniqueId, nickname, comment) =>
  pandu.api("POST", "/api/ingest", {
    event: "chat",
    data: { comment, uniqueId, nickname, msgId },
  });

test("a scam warning stays up over a later flagged comment, for the core's time", async () => {
  const { page, trouble } = await open(pandu.hostPath, {
    viewport: { width: 1280, height: 800 },
  });
  const banner = page.locator("#banner");

  await chat(
    "s1",
    "novi11a_official",
    "Novi11a Shop",
    "transfer ke rekening ini ya kak",
  );
  await banner.waitFor({ state: "visible", timeout: 10_000 });
  assert.equal(await banner.getAttribute("data-kind"), "impersonation");
  await untilText(page, "#banner-reason", "Akun palsu");
  const raised = Date.now();

  // An ordinary flagged comment a moment later: the scam warning outranks it.
  await chat("f1", "budi", "Budi", "di sh0pee lebih murah kak");
  await sleep(1_000);
  assert.equal(await banner.getAttribute("data-kind"), "impersonation");
  assert.equal(
    await page.locator("#banner-nick").textContent(),
    "Novi11a Shop",
  );

  // Still up after 6.5 s (a page with a 6 s banner of its own would have dropped it), gone by 8.
  await sleep(Math.max(0, raised + 6_500 - Date.now()));
  assert.ok(await banner.isVisible(), "the banner stays for the core's 8 s");
  await banner.waitFor({ state: "hidden", timeout: 5_000 });
  assert.deepEqual(trouble, []);
  await page.close();
});
