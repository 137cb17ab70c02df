// The host view (/host?token=…) in headless Chromium against the real `pandu serve`: the slot,
// the drops, the script as a teleprompter, the next question, the "do not read aloud" banner,
// the token, and coming back after the server restarts.
//
// Run: node --test tests/pages/   (the Makefile's `make test` does this after `make build`)

import { test } from "node:test";
import assert from "node:assert/strict";

import {
  clockSeconds,
  screenshot,
  servePages,
  sleep,
  until,
  untilConnection,
  untilText,
} from "./harness.mjs";

const { pandu, open } = servePages();

const LANDSCAPE = { width: 1920, height: 1080 };
const PORTRAIT = { width: 820, height: 1180 };

const openHost = (viewport = LANDSCAPE) => open(pandu.hostPath, { viewport });

const text = (page, selector) => page.locator(selector).first().textContent();

const SHEET = {
  name: "Live pagi",
  slots: [
    {
      product: "Hijab Voal Motif Premium",
      price: "Rp45.000",
      seconds: 600,
      talking_points: "Bahan adem, tidak menerawang\nTersedia 12 warna",
      drop: null,
    },
    {
      product: "Celana Kulot Highwaist",
      price: "Rp89.000",
      seconds: 300,
      talking_points: "",
      drop: null,
    },
  ],
};

const README_SCRIPT = `Halo kakak semua, selamat pagi! 🔥 Hari ini hijab voal motif premium cuma Rp39.000, stok terbatas ya.
Bahannya adem, tidak menerawang, ada 12 warna.
Jangan beli di shopee ya kak, di sini lebih murah dan bisa COD.
Yang mau tanya ukuran, WA aja ya kak, nanti dibalas.`;

test("the host view needs the token, and its token opens nothing else", async () => {
  for (const query of ["", "?token=wrong"]) {
    const response = await fetch(`${pandu.base}/host${query}`);
    assert.equal(response.status, 401, `/host${query}`);
  }
  assert.notEqual(pandu.hostToken, pandu.token);
  const hostAsk = { authorization: `Bearer ${pandu.hostToken}` };
  const state = await fetch(`${pandu.base}/api/state`, { headers: hostAsk });
  assert.equal(state.status, 403);
  assert.equal((await state.json()).scope, "control");
});

test("the host view shows the slot, the drop, the script, the next question and the warning", async () => {
  const { page, trouble } = await openHost();

  await pandu.startRunSheet(SHEET);
  await untilText(page, "#slot-product", "Hijab Voal Motif Premium");
  assert.equal(await text(page, "#slot-price"), "Rp45.000");
  assert.equal(await text(page, "#slot-position"), "Slot 1 dari 2 · Live pagi");
  assert.equal(
    await text(page, "#slot-next"),
    "Berikutnya: Celana Kulot Highwaist",
  );
  const slotLeft = clockSeconds(await text(page, "#slot-time"));
  assert.ok(slotLeft > 590 && slotLeft <= 600, `slot shows ${slotLeft} s`);
  assert.equal(await text(page, "#slot-label"), "tersisa");

  await pandu.api("POST", "/api/flash-sales", {
    product: "Hijab Voal Motif Premium",
    price: "Rp39.000",
    stock: 20,
  });
  const drop = page.locator("#drops .drop", { hasText: "Rp39.000" });
  await drop.waitFor({ timeout: 10_000 });
  assert.equal(
    await drop.locator(".drop-label").textContent(),
    "Bayar sebelum",
  );
  const dropLeft = clockSeconds(await drop.locator(".drop-time").textContent());
  assert.ok(dropLeft > 290 && dropLeft <= 300, `drop shows ${dropLeft} s`);
  assert.equal(await drop.locator(".drop-stock").textContent(), "sisa 20");
  assert.ok(await page.locator("#drops-empty").isHidden());

  // The script: a forbidden word marked, its code word beside it.
  await pandu.api(
    "PUT",
    "/api/script",
    "Halo kakak semua! 🔥 Jangan beli di shopee ya, di sini lebih murah.",
  );
  const hit = page.locator("#script mark.hit");
  await hit.waitFor({ timeout: 10_000 });
  assert.equal(await hit.textContent(), "shopee");
  assert.equal(
    await page.locator("#script .code-word-text").textContent(),
    "aplikasi oren",
  );
  assert.equal(
    await text(page, "#script"),
    "Halo kakak semua! 🔥 Jangan beli di shopeeucapkanaplikasi oren ya, di sini lebih murah.",
  );

  // A question (its author's name is markup: it must stay text).
  await pandu.api("POST", "/api/ingest", {
    event: "chat",
    data: {
      comment: "kak ukuran L masih ada? <b>lingkar dada</b> berapa?",
      uniqueId: "sari",
      nickname: "<img src=x onerror=alert(1)>",
      msgId: "q1",
    },
  });
  await until("the question", 10_000, async () =>
    (await text(page, "#question-text")).startsWith("kak ukuran L"),
  );
  assert.equal(
    await text(page, "#question-nick"),
    "<img src=x onerror=alert(1)>",
  );
  assert.equal(
    await text(page, "#question-text"),
    "kak ukuran L masih ada? <b>lingkar dada</b> berapa?",
  );
  // Not tagged by anyone yet: the rules' suggestion, marked so.
  assert.ok(await page.locator("#question-suggested").isVisible());
  assert.equal(await text(page, "#question-suggested"), "saran");
  assert.ok(await page.locator("#question-answered").isVisible());

  // A flagged comment: the banner, loud, for a few seconds; it never becomes "the next question".
  await pandu.api("POST", "/api/ingest", {
    event: "chat",
    data: {
      comment: "di sh0pee lebih murah kak?",
      uniqueId: "budi",
      nickname: "Budi",
      msgId: "f1",
    },
  });
  const banner = page.locator("#banner");
  await banner.waitFor({ state: "visible", timeout: 10_000 });
  assert.equal(await text(page, ".banner-title"), "Jangan dibacakan");
  assert.equal(await text(page, "#banner-nick"), "Budi");
  assert.equal(await text(page, "#banner-text mark.hit"), "sh0pee");
  assert.equal(await text(page, "#banner-reason"), "Pesaing");
  assert.ok((await text(page, "#question-text")).startsWith("kak ukuran L"));

  await sleep(400); // the banner's slide-in
  await screenshot(page, "host-banner.png");
  await banner.waitFor({ state: "hidden", timeout: 10_000 });
  assert.equal(
    await page.locator("img, b").count(),
    0,
    "no element made from viewers' text",
  );

  // For the README: a second drop in its last minute, a longer script, a friendlier question.
  await pandu.api("POST", "/api/flash-sales", {
    product: "Kaos Oversize Cotton Combed",
    price: "Rp59.000",
    seconds: 45,
    stock: 3,
  });
  await pandu.api("PUT", "/api/script", README_SCRIPT);
  await pandu.api("POST", "/api/ingest", {
    event: "chat",
    data: {
      comment: "kak bahannya panas gak kalau dipakai siang?",
      uniqueId: "sari.ayu",
      nickname: "Sari Ayu 🌸",
      msgId: "q2",
    },
  });
  await until(
    "the README state",
    10_000,
    async () =>
      (await page.locator("#drops .drop").count()) === 2 &&
      (await text(page, "#question-nick")) === "Sari Ayu 🌸" &&
      (await page.locator("#script mark.hit").count()) === 2,
  );
  await screenshot(page, "host-landscape.png");
  await page.setViewportSize(PORTRAIT);
  await sleep(300);
  await screenshot(page, "host-portrait.png", { fullPage: true });

  assert.deepEqual(trouble, [], "no dialog, no error");
  await page.close();
});

test("a slot over time counts on in red; pausing freezes it", async () => {
  const { page, trouble } = await openHost();
  await pandu.api("PUT", "/api/run-sheet", {
    name: "Uji cepat",
    slots: [
      {
        product: "Sandal Jepit",
        price: "Rp15.000",
        seconds: 2,
        talking_points: "",
        drop: null,
      },
    ],
  });
  await pandu.api("POST", "/api/run-sheet/start");
  await until("over time", 15_000, async () =>
    (await text(page, "#slot-time")).startsWith("+"),
  );
  assert.equal(await text(page, "#slot-label"), "lewat waktu");
  assert.equal(await page.locator("#slot").getAttribute("data-phase"), "over");
  assert.equal(await text(page, "#slot-next"), "Slot terakhir");

  await pandu.api("POST", "/api/run-sheet/pause");
  await untilText(page, "#slot-label", "dijeda");
  const frozen = await text(page, "#slot-time");
  await sleep(2200);
  assert.equal(
    await text(page, "#slot-time"),
    frozen,
    "a paused slot does not count",
  );
  await pandu.api("POST", "/api/run-sheet/resume");
  assert.deepEqual(trouble, []);
  await page.close();
});

test("language and sound switches are remembered on the device", async () => {
  const { page, trouble } = await openHost();
  await page.click("#lang");
  assert.equal(
    (await text(page, ".question .panel-title")).trim(),
    "Next question",
  );
  assert.equal(await page.getAttribute("#sound", "aria-pressed"), "true");
  await page.click("#sound");
  assert.equal(await page.getAttribute("#sound", "aria-pressed"), "false");
  assert.equal(await text(page, "#sound"), "Sound off");
  await page.reload();
  await untilConnection(page, "open");
  assert.equal(await text(page, "#sound"), "Sound off");
  assert.equal(
    (await text(page, ".question .panel-title")).trim(),
    "Next question",
  );
  await page.click("#lang");
  assert.equal(
    (await text(page, ".question .panel-title")).trim(),
    "Pertanyaan berikutnya",
  );
  assert.deepEqual(trouble, []);
  await page.close();
});

test("the host view says when the server is gone and comes back by itself", async () => {
  const { page } = await openHost();
  await pandu.startRunSheet(SHEET);
  await untilText(page, "#slot-product", "Hijab Voal Motif Premium");

  await pandu.stop();
  await untilText(page, "#status", "Terputus, menyambung ulang…");
  await pandu.start(); // the same port, the same archive
  await untilText(page, "#status", "Terhubung", 20_000);
  await untilText(page, "#slot-product", "Hijab Voal Motif Premium");
  // Only the browser's own failed connection attempts were logged while the server was down.
  await page.close();
});
