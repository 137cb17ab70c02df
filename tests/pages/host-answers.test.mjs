// The answer card beside the host's next question (/host?token=…) in headless Chromium against
// the real `pandu serve`: the slot's fact read out, the fact that is missing named, and a fact
// added on the spot updating the card; viewers' and the shop's text kept as text.
//
// Run: node --test tests/pages/   (the Makefile's `make test` does this after `make build`)

import { test } from "node:test";
import assert from "node:assert/strict";

import { screenshot, servePages, until } from "./harness.mjs";

const { pandu, open } = servePages();

/** What the card shows, in one read. */
function card(page) {
  return page.evaluate(() => {
    const $ = (id) => document.getElementById(id);
    return {
      question: $("question-text").textContent,
      shown: !$("answer-card").hidden,
      answer: $("answer-text").hidden ? null : $("answer-text").textContent,
      missing: $("answer-missing").hidden
        ? null
        : $("answer-missing").textContent,
    };
  });
}

/** Pushes one chat comment through the ingest API. */
async function comment(msgId, text) {
  await pandu.api("POST", "/api/ingest", {
    event: "chat",
    data: {
      comment: text,
      nickname: "Rina",
      uniqueId: `viewer-${msgId}`,
      msgId,
      createTime: String(Date.now()),
    },
  });
}

const sheet = (facts) => ({
  name: "Live malam",
  slots: [
    {
      product: "Daster Kirana",
      price: "Rp89.000",
      seconds: 900,
      talking_points: "",
      drop: null,
      facts,
    },
  ],
});

test("a question gets its answer card, or the missing fact, added on the spot", async () => {
  const { page, trouble } = await open(pandu.hostPath, {
    viewport: { width: 1920, height: 1080 },
  });
  await pandu.startRunSheet(
    sheet({ material: "voal premium <b>adem</b>, tidak menerawang" }),
  );

  // From the comment's sending to the card's text in the page, timed in the page itself (the
  // same machine's clock) so the test's polling adds nothing.
  await page.evaluate(() => {
    const answer = document.getElementById("answer-text");
    new MutationObserver(() => {
      if (answer.textContent !== "") window.cardShownAt ??= Date.now();
    }).observe(answer, { childList: true, characterData: true, subtree: true });
  });
  const sent = Date.now();
  await comment("ha1", "kak bahannya apa? panas gak?");
  await until(
    "the material's answer card",
    10_000,
    async () => (await card(page)).answer !== null,
  );
  const elapsed = (await page.evaluate(() => window.cardShownAt)) - sent;
  console.log(`answer card on screen ${elapsed} ms after the comment was sent`);
  assert.deepEqual(await card(page), {
    question: "kak bahannya apa? panas gak?",
    shown: true,
    answer: "Bahannya voal premium <b>adem</b>, tidak menerawang",
    missing: null,
  });
  assert.equal(await page.locator("#answer-card b").count(), 0);
  await screenshot(page, "host-answer-card.png");

  // A fact the slot lacks is named, and adding it updates the card.
  await comment("ha2", "ukuran L ada kak?");
  await until(
    "the missing size",
    10_000,
    async () => (await card(page)).missing !== null,
  );
  assert.deepEqual(await card(page), {
    question: "ukuran L ada kak?",
    shown: true,
    answer: null,
    missing: "belum ada info: ukuran",
  });
  await screenshot(page, "host-answer-missing.png");
  await pandu.api(
    "PUT",
    "/api/run-sheet",
    sheet({ material: "voal premium", sizes: "S, M, L (LD 100), XL (LD 110)" }),
  );
  await until(
    "the card with the size added",
    10_000,
    async () => (await card(page)).answer !== null,
  );
  assert.equal(
    (await card(page)).answer,
    "Ukurannya S, M, L (LD 100), XL (LD 110)",
  );

  // Answered: the log keeps the answer given.
  await page.click("#question-answered");
  await until("the empty state", 10_000, async () => !(await card(page)).shown);
  const answered = await pandu.api("GET", "/api/feedback?answered=true");
  assert.deepEqual(
    answered.map((entry) => [entry.text, entry.answer, entry.missing]),
    [["ukuran L ada kak?", "Ukurannya S, M, L (LD 100), XL (LD 110)", []]],
  );

  // A product pinned in TikTok that the sheet lacks is said on the slot; the slot stays.
  await pandu.api("POST", "/api/ingest", {
    id: "pin-1",
    ts: Date.now(),
    source: "tiktok:@toko",
    type: "product_shown",
    product_id: "55",
    title: "Lampu <i>LED</i>",
    price: null,
  });
  await until(
    "the pinned product's mismatch",
    10_000,
    async () => !(await page.locator("#slot-pinned").isHidden()),
  );
  assert.equal(
    await page.locator("#slot-pinned").textContent(),
    "Dipin di TikTok: Lampu <i>LED</i> · tidak ada di susunan acara",
  );
  assert.equal(
    await page.locator("#slot-product").textContent(),
    "Daster Kirana",
  );
  assert.deepEqual(trouble, []);
});
