// The host view's question panel (/host?token=…) in headless Chromium against the real
// `pandu serve`: the rules' suggestion while the queue is empty, the queue of tagged questions
// (oldest first, with its product and how many wait), "Sudah dijawab" moving on to the next,
// viewers' markup kept as text, and a failed request said plainly.
//
// Run: node --test tests/pages/   (the Makefile's `make test` does this after `make build`)

import { test } from "node:test";
import assert from "node:assert/strict";

import { screenshot, servePages, until } from "./harness.mjs";

const { pandu, open } = servePages();

const LANDSCAPE = { width: 1920, height: 1080 };
const XSS = "<img src=x onerror=alert(1)>";

const openHost = () => open(pandu.hostPath, { viewport: LANDSCAPE });

const text = (page, selector) => page.locator(selector).first().textContent();

/** What the question panel shows, in one read. */
function panel(page) {
  return page.evaluate(() => {
    const $ = (id) => document.getElementById(id);
    const section = $("question");
    return {
      state: section.dataset.state,
      feedbackId: section.dataset.feedbackId ?? null,
      nick: $("question-nick").textContent,
      text: $("question-text").textContent,
      product: $("question-product").hidden
        ? null
        : $("question-product").textContent,
      waiting: $("question-waiting").hidden
        ? null
        : $("question-waiting").textContent,
      suggested: !$("question-suggested").hidden,
      button: $("question-answered").hidden
        ? null
        : {
            text: $("question-answered").textContent,
            disabled: $("question-answered").disabled,
          },
      error: $("question-error").hidden
        ? null
        : $("question-error").textContent,
    };
  });
}

/** Waits until the panel shows the comment `commentText` (or the empty state for null). */
async function untilShown(page, what, commentText) {
  await until(what, 10_000, async () => {
    const shown = await panel(page);
    return commentText === null
      ? shown.state === "empty"
      : shown.text === commentText && !shown.button?.disabled;
  });
  return panel(page);
}

/** Pushes one chat comment, `secondsAgo` old, through the ingest API; its id is `msgId`. */
async function comment(msgId, nickname, comment, secondsAgo) {
  await pandu.api("POST", "/api/ingest", {
    event: "chat",
    data: {
      comment,
      nickname,
      uniqueId: `viewer-${msgId}`,
      msgId,
      createTime: String(Date.now() - secondsAgo * 1000),
    },
  });
}

const SHEET = {
  name: "Live sore",
  slots: [
    {
      product: "Gamis Syari Polos",
      price: "Rp129.000",
      seconds: 900,
      talking_points: "",
      drop: null,
    },
  ],
};

/** The question panel with nothing to answer. */
const EMPTY_PANEL = {
  state: "empty",
  feedbackId: null,
  nick: "",
  text: "Belum ada pertanyaan",
  product: null,
  waiting: null,
  suggested: false,
  button: null,
  error: null,
};

test("the next question: the suggestion, the queue, and Sudah dijawab moving on", async () => {
  const { page, trouble } = await openHost();

  assert.deepEqual(await panel(page), EMPTY_PANEL);

  // Tags take the current slot's product.
  await pandu.startRunSheet(SHEET);

  await comment("hq1", "Rina", "ready kak? ukuran L ada", 30);
  await comment("hq2", XSS, `${XSS} lingkar dada berapa kak?`, 20);
  await comment("hq3", "Dewi", "berapa ongkir ke medan kak", 10);

  // Nothing tagged yet: the newest comment the rules read as a question, marked "saran".
  let shown = await untilShown(
    page,
    "the suggested question",
    "berapa ongkir ke medan kak",
  );
  assert.deepEqual(shown, {
    state: "suggested",
    feedbackId: null,
    nick: "Dewi",
    text: "berapa ongkir ke medan kak",
    product: null,
    waiting: null,
    suggested: true,
    button: { text: "Sudah dijawab", disabled: false },
    error: null,
  });
  assert.equal(await text(page, "#question-suggested"), "saran");

  // Two tagged: the queue's oldest comes first, with its product and one more waiting.
  const first = await pandu.api("POST", "/api/feedback", {
    comment_id: "hq1",
    kind: "question",
  });
  const second = await pandu.api("POST", "/api/feedback", {
    comment_id: "hq2",
    kind: "question",
  });
  assert.equal(first.product, "Gamis Syari Polos");
  await until(
    "the queue's oldest question",
    10_000,
    async () => (await panel(page)).waiting === "+1 menunggu",
  );
  assert.deepEqual(await panel(page), {
    state: "queued",
    feedbackId: String(first.id),
    nick: "Rina",
    text: "ready kak? ukuran L ada",
    product: "Gamis Syari Polos",
    waiting: "+1 menunggu",
    suggested: false,
    button: { text: "Sudah dijawab", disabled: false },
    error: null,
  });
  await screenshot(page, "host-question-queue.png");

  // Answered: the next in the queue; its author's name and text are markup, kept as text.
  await page.click("#question-answered");
  shown = await untilShown(
    page,
    "the second question",
    `${XSS} lingkar dada berapa kak?`,
  );
  assert.deepEqual(shown, {
    state: "queued",
    feedbackId: String(second.id),
    nick: XSS,
    text: `${XSS} lingkar dada berapa kak?`,
    product: "Gamis Syari Polos",
    waiting: null,
    suggested: false,
    button: { text: "Sudah dijawab", disabled: false },
    error: null,
  });
  assert.equal(await page.locator("#question img").count(), 0);
  const answered = await pandu.api("GET", "/api/feedback?answered=true");
  assert.deepEqual(
    answered.map((entry) => entry.id),
    [first.id],
    "the first question is marked answered",
  );

  // The queue done: the suggestion again, until it is answered too (which tags it).
  await page.click("#question-answered");
  shown = await untilShown(
    page,
    "the suggestion again",
    "berapa ongkir ke medan kak",
  );
  assert.equal(shown.state, "suggested");
  assert.equal(shown.suggested, true);
  await page.click("#question-answered");
  shown = await untilShown(page, "the empty state", null);
  assert.deepEqual(shown, EMPTY_PANEL);
  const tags = await pandu.api("GET", "/api/feedback?kind=question");
  assert.deepEqual(
    tags.map((entry) => [entry.comment_id, entry.answered_at !== null]),
    [
      ["hq1", true],
      ["hq2", true],
      ["hq3", true],
    ],
  );

  assert.equal(await page.locator("img").count(), 0, "no element from text");
  assert.deepEqual(trouble, [], "no dialog, no error");
  await page.close();
});

test("Sudah dijawab waits for its request, sends the token, and says when it failed", async () => {
  const { page, trouble } = await openHost();
  await comment("hq4", "Sari", "bisa cod ga kak", 0);
  await untilShown(page, "the question", "bisa cod ga kak");

  // Held, then refused by the server.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  let seen = null;
  let calls = 0;
  await page.route("**/api/questions/next/answered", async (route) => {
    calls += 1;
    seen = route.request();
    await held;
    await route.fulfill({
      status: 500,
      contentType: "application/json",
      body: JSON.stringify({ error: "the archive is busy" }),
    });
  });
  await page.click("#question-answered");
  await until("the request", 10_000, async () => seen !== null);
  assert.equal(seen.method(), "POST");
  assert.equal(seen.headers().authorization, `Bearer ${pandu.hostToken}`);
  const busy = await panel(page);
  assert.deepEqual(busy.button, { text: "Sudah dijawab", disabled: true });
  assert.equal(busy.error, null);
  // A second press while it is in flight sends nothing more.
  await page.locator("#question-answered").click({ force: true });

  release();
  assert.equal(calls, 1);
  await until(
    "the failure",
    10_000,
    async () => (await panel(page)).error !== null,
  );
  const failed = await panel(page);
  assert.equal(failed.error, "Gagal menandai, coba lagi");
  assert.equal(failed.text, "bisa cod ga kak", "still the same question");
  assert.deepEqual(failed.button, { text: "Sudah dijawab", disabled: false });
  await page.unroute("**/api/questions/next/answered");

  // Again, with the server answering: the question is gone, and the failure with it.
  await page.click("#question-answered");
  const shown = await untilShown(page, "the empty state", null);
  assert.equal(shown.error, null);
  assert.equal(shown.text, "Belum ada pertanyaan");
  const tags = await pandu.api("GET", "/api/feedback?kind=question");
  assert.deepEqual(
    tags
      .filter((entry) => entry.comment_id === "hq4")
      .map((entry) => entry.answered_at !== null),
    [true],
    "answered once",
  );
  // The refused request is logged by the browser as a failed resource; nothing else.
  assert.deepEqual(
    trouble.filter((line) => !line.includes("500")),
    [],
    "no dialog, no script error",
  );
  await page.close();
});
