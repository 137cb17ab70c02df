// The host view's "do not read aloud" banner follows the core's rule (`Comment.banner`), the same
// one the window keeps: a scam warning is not pushed away by an ordinary flagged comment, and a
// banner stays up for the time the core gave (8 s), not a number of the page's own. It names the
// rule the flagged words break (the rule pack's why), as text, in the page's language.
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

test("the banner names the rule the flagged words break, in the page's language", async () => {
  const viewport = { width: 1280, height: 800 };
  const inIndonesian = await open(pandu.hostPath, { viewport });
  const inEnglish = await open(`${pandu.hostPath}&lang=en`, { viewport });

  // Sending buyers to another marketplace: the tiktok-shop pack's entry, with a cue near it.
  await chat("w1", "rina", "Rina", "beli di tokped aja lebih murah");
  const rules = [];
  for (const { page, trouble } of [inIndonesian, inEnglish]) {
    const banner = page.locator("#banner");
    const why = page.locator("#banner-why");
    await banner.waitFor({ state: "visible", timeout: 10_000 });
    assert.equal(await banner.getAttribute("data-kind"), "flagged");
    await why.waitFor({ state: "visible", timeout: 5_000 });
    // Text, not markup: a shop's own lexicon can name rules too.
    assert.equal(await why.evaluate((node) => node.children.length), 0);
    rules.push(await why.textContent());
    assert.deepEqual(trouble, []);
    await page.close();
  }
  assert.match(rules[0], /^Aturan: \S/, rules[0]);
  assert.match(rules[1], /^Rule: \S/, rules[1]);
});
