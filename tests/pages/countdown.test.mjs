// The flash-sale countdown overlay (/overlay/countdown) in headless Chromium against the real
// `pandu serve`, driven through the control API.
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
} from "./harness.mjs";

const { pandu, open } = servePages();

/** The overlay at the canvas size streaming software uses, with what must never happen watched. */
async function openOverlay(query = "", deviceScaleFactor = 1) {
  const frames = { received: [], sent: [] };
  const opened = await open(
    `/overlay/countdown${query}`,
    { viewport: { width: 1080, height: 1920 }, deviceScaleFactor },
    (page) =>
      page.on("websocket", (socket) => {
        socket.on("framereceived", (frame) =>
          frames.received.push(String(frame.payload)),
        );
        socket.on("framesent", (frame) =>
          frames.sent.push(String(frame.payload)),
        );
      }),
  );
  return { ...opened, frames };
}

const startDrop = (request) => pandu.api("POST", "/api/flash-sales", request);
const card = (page, product) => page.locator(".drop", { hasText: product });
const cardSeconds = async (page, product) =>
  clockSeconds(await card(page, product).locator(".drop-time").textContent());

test("a drop counts down on the overlay, takes an extend, and leaves when closed", async () => {
  const { page, trouble } = await openOverlay();
  const drop = await startDrop({
    product: "Kaos Polos Premium",
    price: "Rp49.000",
    seconds: 300,
    stock: 20,
  });

  const shown = card(page, "Kaos Polos Premium");
  await shown.waitFor({ timeout: 10_000 });
  assert.equal(await shown.locator(".drop-label").textContent(), "Bayar dalam");
  assert.equal(await shown.locator(".drop-price").textContent(), "Rp49.000");
  assert.equal(await shown.locator(".drop-stock").textContent(), "sisa 20");

  // It ticks on its own: two readings two seconds apart (generous bounds for a busy machine).
  const first = await cardSeconds(page, "Kaos Polos Premium");
  assert.ok(first > 290 && first <= 300, `starts near 5:00, shows ${first} s`);
  await sleep(2000);
  const second = await cardSeconds(page, "Kaos Polos Premium");
  assert.ok(
    first - second >= 1 && first - second <= 4,
    `${first} s, then ${second} s`,
  );

  await pandu.api("POST", `/api/flash-sales/${drop.id}/extend`, {
    seconds: 60,
  });
  await until(
    "the extend to show",
    10_000,
    async () => (await cardSeconds(page, "Kaos Polos Premium")) > second + 50,
  );

  await pandu.api("DELETE", `/api/flash-sales/${drop.id}`);
  await until(
    '"Ditutup" on the closed drop',
    5_000,
    async () =>
      (await shown.locator(".drop-label").textContent()) === "Ditutup",
  );
  await shown.waitFor({ state: "detached", timeout: 10_000 });
  assert.deepEqual(trouble, []);
  await page.close();
});

test('a lead-in says "Mulai dalam" and counts towards the start', async () => {
  const { page, trouble } = await openOverlay();
  const drop = await startDrop({
    product: "Celana Kulot",
    price: "Rp79.000",
    starts_in: 90,
  });
  const shown = card(page, "Celana Kulot");
  await shown.waitFor({ timeout: 10_000 });
  assert.equal(await shown.locator(".drop-label").textContent(), "Mulai dalam");
  const seconds = await cardSeconds(page, "Celana Kulot");
  assert.ok(seconds > 80 && seconds <= 90, `lead-in shows ${seconds} s`);
  assert.equal(await shown.getAttribute("data-phase"), "lead-in");
  await pandu.api("DELETE", `/api/flash-sales/${drop.id}`);
  await shown.waitFor({ state: "detached", timeout: 10_000 });
  assert.deepEqual(trouble, []);
  await page.close();
});

test("a product name that is markup shows as text and runs nothing", async () => {
  const { page, trouble } = await openOverlay();
  const name = "<img src=x onerror=alert(1)>";
  const drop = await startDrop({
    product: name,
    price: "<b>Rp1</b>",
    stock: 1,
  });
  const shown = card(page, name);
  await shown.waitFor({ timeout: 10_000 });
  assert.equal(await shown.locator(".drop-product").textContent(), name);
  assert.equal(await shown.locator(".drop-price").textContent(), "<b>Rp1</b>");
  await sleep(500);
  assert.equal(
    await page.locator("img, b").count(),
    0,
    "no element made from the text",
  );
  assert.deepEqual(trouble, [], "no dialog, no error");
  await pandu.api("DELETE", `/api/flash-sales/${drop.id}`);
  await page.close();
});

test("the overlay's WebSocket carries only the clock, the pinned comment and the frame, and the page sends nothing", async () => {
  const { page, frames, trouble } = await openOverlay();
  await startDrop({ product: "Sandal Jepit", price: "Rp15.000", seconds: 120 });
  await card(page, "Sandal Jepit").waitFor({ timeout: 10_000 });
  await pandu.api("POST", "/api/ingest", [
    {
      event: "chat",
      data: {
        comment: "ready kak? rahasia-123",
        uniqueId: "sari",
        nickname: "Sari",
        msgId: "o1",
      },
    },
    {
      event: "chat",
      data: {
        comment: "di sh0pee lebih murah",
        uniqueId: "budi",
        nickname: "Budi",
        msgId: "o2",
      },
    },
  ]);
  await sleep(2500);
  assert.ok(frames.received.length > 0, "the clock arrived");
  for (const frame of frames.received) {
    const message = JSON.parse(frame);
    assert.ok(
      ["clock", "alert", "pinned", "frame"].includes(message.type),
      `an overlay got a "${message.type}" message`,
    );
    // Only a comment the co-host pins reaches an overlay; none was.
    if (message.type === "pinned") assert.equal(message.comment, null);
    assert.ok(
      !frame.includes("rahasia-123") && !frame.includes("Budi"),
      "no comment reached the overlay",
    );
  }
  assert.deepEqual(frames.sent, []);
  assert.deepEqual(trouble, []);
  await page.close();
});

test("every position keeps the cards clear of TikTok's own buttons and texts", async () => {
  await startDrop({
    product: "Gamis Syari Jumbo Premium Busui Friendly Bahan Ceruty",
    price: "Rp129.000",
    stock: 7,
  });
  for (const position of ["top", "center", "bottom"]) {
    for (const scale of ["1", "1.4"]) {
      const { page, trouble } = await openOverlay(
        `?position=${position}&scale=${scale}`,
      );
      const box = await card(page, "Gamis Syari").boundingBox({
        timeout: 10_000,
      });
      const where = `${position} at scale ${scale}: ${JSON.stringify(box)}`;
      assert.ok(box.y >= 250, `below the top zone, ${where}`);
      assert.ok(
        box.y + box.height <= 1920 - 420,
        `above the bottom zone, ${where}`,
      );
      assert.ok(
        box.x >= 0 && box.x + box.width <= 1080 - 170,
        `left of the right column, ${where}`,
      );
      assert.deepEqual(trouble, []);
      await page.close();
    }
  }
});

test("the overlay in a stream, for the README (target/pages/countdown.png)", async () => {
  const state = await pandu.api("GET", "/api/state");
  for (const sale of state.flash_sales.filter((s) => s.state !== "closed")) {
    await pandu.api("DELETE", `/api/flash-sales/${sale.id}`);
  }
  await startDrop({
    product: "Hijab Voal Motif Premium",
    price: "Rp45.000",
    seconds: 252,
    stock: 20,
  });
  await startDrop({
    product: "Kaos Oversize Cotton Combed",
    price: "Rp59.000",
    seconds: 28,
    stock: 3,
  });
  await startDrop({
    product: "Celana Kulot Highwaist",
    price: "Rp79.000",
    starts_in: 90,
  });
  await sleep(6000); // the closed drops fade out first
  // Half the pixels: a README picture, not a 1 MB one.
  const { page, trouble } = await openOverlay("", 0.5);
  await until(
    "three cards",
    10_000,
    async () => (await page.locator(".drop").count()) === 3,
  );
  await showOverStream(page);
  await sleep(600); // the entry animation
  await screenshot(page, "countdown.png");
  assert.deepEqual(trouble, []);
  await page.close();
});

/**
 * Puts a stand-in for the camera picture behind the transparent overlay, with TikTok's zones
 * shaded, so the screenshot shows what a viewer sees. Built with DOM calls from the test: the
 * page's own CSP allows no inline style.
 */
async function showOverStream(page) {
  await page.evaluate(() => {
    const camera =
      "radial-gradient(ellipse at 50% 45%, #8a6f5c 0%, #4b3a32 45%, #1d1614 100%)";
    const zones = [
      ["0", "0", "1080px", "1920px", "", camera],
      ["0", "0", "1080px", "250px", "TikTok"],
      ["910px", "250px", "170px", "1250px", ""],
      ["0", "1500px", "1080px", "420px", "TikTok"],
    ];
    const hatch =
      "repeating-linear-gradient(45deg, rgba(0,0,0,.3) 0 14px, rgba(0,0,0,.15) 14px 28px)";
    for (const [left, top, width, height, label, background = hatch] of zones) {
      const zone = document.createElement("div");
      zone.textContent = label;
      Object.assign(zone.style, {
        position: "fixed",
        left,
        top,
        width,
        height,
        background,
        color: "rgba(255,255,255,.55)",
        font: "600 34px system-ui, sans-serif",
        display: "grid",
        placeItems: "center",
        zIndex: "-1",
      });
      document.body.append(zone);
    }
  });
}
