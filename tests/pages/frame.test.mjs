// The frame overlay (/overlay/frame) in headless Chromium against the real `pandu serve`: the
// frame PNG with its live widgets (flash-sale countdown, the run sheet's product, the pinned
// comment), driven through the control API.
//
// Run: node --test tests/pages/   (PANDU_BIN=... to test another build)

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import {
  clockSeconds,
  root,
  screenshot,
  servePages,
  sleep,
  until,
  untilConnection,
  untilText,
} from "./harness.mjs";

const { pandu, newPage, open } = servePages();

const CAMERA = `data:image/jpeg;base64,${readFileSync(
  join(root, "tests", "fixtures", "frame", "camera.jpg"),
).toString("base64")}`;

/** Where each starter puts its widget slots (overlays/<name>/template.toml). */
const SLOTS = {
  novilla: { pinned_comment: [24, 474], countdown: [24, 598] },
  avenco: { pinned_comment: [24, 546], countdown: [24, 666] },
  "payday-sale": { pinned_comment: [24, 512], countdown: [24, 632] },
};

/**
 * The overlay at the canvas size streaming software uses, with what must never happen watched
 * and, for each WebSocket message, the page's own time it arrived (`window.__arrived`), taken
 * before the page's handler runs.
 */
async function openFrame(query = "", viewport = { width: 1080, height: 1920 }) {
  const sent = [];
  const { page, trouble } = await open(
    `/overlay/frame${query}`,
    { viewport },
    async (page) => {
      page.on("websocket", (socket) =>
        socket.on("framesent", (frame) => sent.push(String(frame.payload))),
      );
      await page.addInitScript(() => {
        window.__arrived = [];
        const Native = window.WebSocket;
        window.WebSocket = class extends Native {
          constructor(...args) {
            super(...args);
            this.addEventListener("message", (message) =>
              window.__arrived.push({
                at: performance.now(),
                data: message.data,
              }),
            );
          }
        };
      });
    },
  );
  await until("the frame image", 15_000, () =>
    page.evaluate(
      () => document.getElementById("frame-image")?.naturalWidth > 0,
    ),
  );
  return { page, trouble, sent };
}

const widget = (page, kind) => page.locator(`.widget[data-kind="${kind}"]`);
const text = async (page, selector) =>
  ((await page.locator(selector).textContent()) ?? "").trim();
const isHidden = (page, kind) =>
  page.evaluate(
    (kind) => document.querySelector(`.widget[data-kind="${kind}"]`)?.hidden,
    kind,
  );
const frameSrc = (page) =>
  page.evaluate(() => document.getElementById("frame-image")?.src ?? "");
/** A widget's slot box on the canvas, as the page placed it. */
const slotOf = (page, kind) =>
  page.evaluate((kind) => {
    const node = document.querySelector(`.widget[data-kind="${kind}"]`);
    // From its style: a hidden widget has no layout box.
    return node && [parseFloat(node.style.left), parseFloat(node.style.top)];
  }, kind);

/** Shows the camera picture behind the transparent page, for a screenshot only. */
const overCamera = (page) =>
  page.evaluate((camera) => {
    document.body.style.background = `center / cover no-repeat url("${camera}")`;
  }, CAMERA);

/** A 1×1 PNG, for an avatar. */
const AVATAR = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

let commentNumber = 0;
/** A viewer's comment through the ingest API, then pinned; its id. */
async function pinComment({ text, nickname = "Sari", avatar }) {
  commentNumber += 1;
  const id = `frame-${commentNumber}`;
  const data = {
    comment: text,
    uniqueId: `viewer${commentNumber}`,
    nickname,
    msgId: id,
  };
  if (avatar) data.profilePictureUrl = avatar;
  await pandu.api("POST", "/api/ingest", [{ event: "chat", data }]);
  await until("the comment to be pinnable", 10_000, async () => {
    await pandu.api("POST", "/api/pin", { comment_id: id });
    return true;
  });
  return id;
}

const SHEET = {
  name: "Live malam",
  slots: [
    {
      product: "Sofa 3 Dudukan Oslo — Abu Linen",
      price: "Rp 3.499.000",
      seconds: 900,
      talking_points: "",
      drop: { price: "Rp 2.999.000", seconds: 300, stock: 10 },
    },
    {
      product: "Meja Kopi Jati Bulat",
      price: "Rp 1.250.000",
      seconds: 900,
      talking_points: "",
      drop: null,
    },
  ],
};

test("it shows the frame on air, its widgets in the template's slots, and sends nothing", async () => {
  const view = await (await fetch(`${pandu.base}/overlay/frame.json`)).json();
  assert.equal(view.template, "novilla");
  const { page, trouble, sent } = await openFrame();
  const image = await page.evaluate(() => {
    const img = document.getElementById("frame-image");
    return { width: img.naturalWidth, height: img.naturalHeight, src: img.src };
  });
  assert.equal(image.width, 1080);
  assert.equal(image.height, 1920);
  assert.match(image.src, /\/overlay\/frame\.png\?template=novilla&v=\d+$/);
  for (const slot of view.widgets) {
    const box = await widget(page, slot.kind).evaluate((node) =>
      ["left", "top", "width", "height"].map((side) =>
        Number.parseFloat(node.style[side]),
      ),
    );
    assert.deepEqual(box, [slot.x, slot.y, slot.w, slot.h], slot.kind);
  }
  // Nothing to show yet: no drop, no run sheet, nothing pinned.
  for (const kind of ["countdown", "product_card", "pinned_comment"])
    assert.equal(await isHidden(page, kind), true, `${kind} hidden`);
  // Transparent where the frame is: the camera shows through.
  assert.equal(
    await page.evaluate(() => getComputedStyle(document.body).backgroundColor),
    "rgba(0, 0, 0, 0)",
  );
  await sleep(500);
  assert.deepEqual(sent, [], "the page sends nothing");
  assert.deepEqual(trouble, []);
  await page.close();
});

test("the canvas scales to fit any window, and ?bg=green puts it on chroma-key green", async () => {
  const { page, trouble } = await openFrame("?bg=green", {
    width: 540,
    height: 1200,
  });
  const box = await page.locator("#stage").boundingBox();
  assert.ok(Math.abs(box.width - 540) < 1 && Math.abs(box.height - 960) < 1);
  assert.ok(Math.abs(box.y - 120) < 1, `centred: ${JSON.stringify(box)}`);
  assert.equal(
    await page.evaluate(() => getComputedStyle(document.body).backgroundColor),
    "rgb(0, 177, 64)",
  );
  assert.deepEqual(trouble, []);
  await page.close();
});

test("a pinned comment that is markup shows as literal text and runs nothing", async () => {
  const { page, trouble } = await openFrame();
  const markup = "<img src=x onerror=alert(1)> <script>alert(2)</script>";
  await pinComment({ text: markup, nickname: "<b>Budi</b>" });
  const pinned = widget(page, "pinned_comment");
  await untilText(page, ".pin-text", markup);
  assert.equal(await pinned.isVisible(), true);
  assert.equal(await text(page, ".pin-name"), "<b>Budi</b>");
  await sleep(800);
  const counts = await page.evaluate(() => ({
    img: document.querySelectorAll("img").length,
    script: document.querySelectorAll("script").length,
    b: document.querySelectorAll("b").length,
    inPin: document.querySelector(".pin-text").children.length,
  }));
  assert.deepEqual(
    counts,
    { img: 1, script: 1, b: 0, inPin: 0 },
    "only the frame image and the page's own script; nothing made from the text",
  );
  assert.deepEqual(trouble, [], "no dialog, no error");
  await page.close();
});

test("the pinned comment: avatar over https without referrer, initials when it fails, long text shrinks to fit, emoji kept", async () => {
  const { page, trouble } = await openFrame();
  // TikTok's CDN stands in: one avatar loads, one fails. Neither may carry a referrer.
  const referrers = [];
  await page.route("https://avatar.example/**", (route) => {
    referrers.push(route.request().headers().referer ?? null);
    return route.request().url().endsWith("/ok.png")
      ? route.fulfill({ body: AVATAR, contentType: "image/png" })
      : route.abort("connectionrefused");
  });
  await pinComment({
    text: "Kak, sofa abu linen masih ready? 😍🛋️",
    nickname: "Sari Dewi",
    avatar: "https://avatar.example/ok.png",
  });
  await until(
    "the avatar",
    10_000,
    async () =>
      (await page.locator(".pin-avatar").getAttribute("data-state")) ===
      "image",
  );
  assert.equal(await text(page, ".pin-name"), "Sari Dewi");
  assert.equal(
    await page.locator(".pin-avatar img").getAttribute("referrerpolicy"),
    "no-referrer",
  );
  assert.match(await text(page, ".pin-text"), /😍🛋️$/u);

  await pinComment({
    text: "Ongkir ke Bandung berapa kak?",
    nickname: "Dewi Lestari",
    avatar: "https://avatar.example/gone.png",
  });
  await untilText(page, ".pin-name", "Dewi Lestari");
  await until("the failed avatar to go", 10_000, () =>
    page.evaluate(() => !document.querySelector(".pin-avatar img")),
  );
  assert.equal(await text(page, ".pin-initials"), "DL");
  assert.equal(
    await page.locator(".pin-avatar").getAttribute("data-state"),
    "initials",
  );
  assert.deepEqual(referrers, [null, null], "no referrer sent");

  // A plain-http avatar is not loaded at all.
  await pinComment({
    text: "halo",
    nickname: "Tono",
    avatar: "http://example.com/t.jpg",
  });
  await untilText(page, ".pin-name", "Tono");
  assert.equal(await page.locator(".pin-avatar img").count(), 0);

  // Long text wraps and is set smaller, and stays within the slot.
  const short = await page
    .locator(".pinned-comment")
    .evaluate((node) => Number.parseFloat(node.style.fontSize));
  const long = `${"Kak aku udah checkout yang sofa abu linen tapi belum bayar, masih bisa harga flash sale? ".repeat(3)}🙏✨`;
  await pinComment({ text: long, nickname: "Budi Santoso 🌸" });
  await untilText(page, ".pin-text", long);
  const fitted = await page.locator(".pinned-comment").evaluate((node) => ({
    size: Number.parseFloat(node.style.fontSize),
    fits: node.scrollHeight <= node.clientHeight + 1,
    lines: Math.round(
      node.querySelector(".pin-text").offsetHeight /
        Number.parseFloat(
          getComputedStyle(node.querySelector(".pin-text")).lineHeight,
        ),
    ),
  }));
  assert.ok(fitted.size < short, `shrunk: ${short} px → ${fitted.size} px`);
  assert.ok(fitted.fits, "stays within its slot");
  assert.ok(fitted.lines >= 2, `wraps: ${fitted.lines} lines`);
  await overCamera(page);
  await sleep(500); // the comment's entrance
  await screenshot(page, "frame-pinned.png");

  // Only the failed avatar was logged.
  assert.deepEqual(
    trouble.filter((line) => !line.includes("ERR_CONNECTION_REFUSED")),
    [],
  );
  await page.close();
});

test("unpinning hides the pinned comment's slot at once", async () => {
  const { page, trouble } = await openFrame();
  await pinComment({ text: "Ditunggu restocknya kak!", nickname: "Rina" });
  await until(
    "pinned",
    10_000,
    async () => (await isHidden(page, "pinned_comment")) === false,
  );
  await pandu.api("DELETE", "/api/pin");
  await until("hidden", 5_000, () => isHidden(page, "pinned_comment"));
  assert.equal(await widget(page, "pinned_comment").isVisible(), false);
  assert.deepEqual(trouble, []);
  await page.close();
});

test("the countdown widget shows the drop and ticks on its own", async () => {
  const { page, trouble } = await openFrame();
  const drop = await pandu.api("POST", "/api/flash-sales", {
    product: "Kursi Makan Jati Nordic",
    price: "Rp 1.850.000",
    seconds: 300,
    stock: 20,
  });
  await untilText(page, ".cd-product", "Kursi Makan Jati Nordic");
  assert.equal(await isHidden(page, "countdown"), false);
  assert.equal(await text(page, ".cd-label"), "Bayar dalam");
  assert.equal(await text(page, ".cd-price"), "Rp 1.850.000");
  assert.equal(await text(page, ".cd-stock"), "sisa 20");

  const first = clockSeconds(await text(page, ".cd-time"));
  assert.ok(first > 290 && first <= 300, `starts near 5:00, shows ${first} s`);
  await sleep(1500);
  const second = clockSeconds(await text(page, ".cd-time"));
  assert.ok(
    first - second >= 1 && first - second <= 4,
    `${first} s, then ${second} s`,
  );

  await pandu.api("DELETE", `/api/flash-sales/${drop.id}`);
  await untilText(page, ".cd-label", "Ditutup", 5_000);
  await until("the closed drop to leave", 10_000, () =>
    isHidden(page, "countdown"),
  );
  assert.deepEqual(trouble, []);
  await page.close();
});

test("the product card follows the run sheet, shows a running drop's price, and changes within 100 ms of the message", async () => {
  const { page, trouble } = await openFrame();
  await pandu.startRunSheet(SHEET);
  await untilText(page, ".pc-product", "Sofa 3 Dudukan Oslo — Abu Linen");
  assert.equal(await text(page, ".pc-price"), "Rp 3.499.000");
  assert.equal(await page.locator(".pc-was").isVisible(), false);

  // A drop for this product: its price, the normal one struck through.
  const drop = await pandu.api("POST", "/api/flash-sales", {
    product: "Sofa 3 Dudukan Oslo — Abu Linen",
    price: "Rp 2.999.000",
    seconds: 300,
    stock: 10,
  });
  await untilText(page, ".pc-price", "Rp 2.999.000");
  assert.equal(await text(page, ".pc-was s"), "Rp 3.499.000");
  assert.equal(await text(page, ".pc-badge"), "Harga flash sale");
  // For the README: everything at once, over a camera picture, once the latest frame is in.
  await pinComment({
    text: "Kak, yang abu linen masih ready? Mau buat ruang tamu kecil 😍🛋️",
    nickname: "Sari Dewi",
  });
  await untilText(page, ".pin-name", "Sari Dewi");
  await until("the latest frame image", 15_000, async () => {
    const { version } = await (
      await fetch(`${pandu.base}/overlay/frame.json`)
    ).json();
    return (await frameSrc(page)).endsWith(`&v=${version}`);
  });
  await overCamera(page);
  await sleep(600);
  await screenshot(page, "frame.png");
  await pandu.api("DELETE", "/api/pin");

  // The next slot: the card follows, within 100 ms of the message that says so.
  const before = await frameSrc(page);
  await page.evaluate(() => {
    window.__changed = null;
    const card = document.querySelector(".pc-product");
    new MutationObserver(() => {
      if (card.textContent === "Meja Kopi Jati Bulat")
        window.__changed ??= performance.now();
    }).observe(card, { childList: true, characterData: true, subtree: true });
  });
  await pandu.api("POST", "/api/run-sheet/next");
  await untilText(page, ".pc-product", "Meja Kopi Jati Bulat");
  assert.equal(await text(page, ".pc-price"), "Rp 1.250.000");
  assert.equal(await page.locator(".pc-was").isVisible(), false);
  const delay = await page.evaluate(() => {
    const message = window.__arrived.find(
      (m) =>
        m.data.includes('"type":"clock"') &&
        m.data.includes('"slot":1') &&
        m.at <= window.__changed,
    );
    return window.__changed - message.at;
  });
  assert.ok(delay >= 0 && delay < 100, `shown ${delay} ms after the message`);
  // The frame PNG carries the product too: a new version, swapped in once loaded.
  await until(
    "the new frame image",
    10_000,
    async () => (await frameSrc(page)) !== before,
  );
  assert.equal(
    await page.evaluate(
      () => document.getElementById("frame-image").naturalWidth,
    ),
    1080,
  );
  await pandu.api("DELETE", `/api/flash-sales/${drop.id}`);
  assert.deepEqual(trouble, []);
  await page.close();
});

test("PUT /api/frame switches the overlay to another template", async () => {
  const { page, trouble } = await openFrame();
  assert.deepEqual(await slotOf(page, "countdown"), SLOTS.novilla.countdown);
  await pandu.api("PUT", "/api/frame", { template: "payday-sale" });
  await until("the payday frame", 10_000, async () =>
    (await frameSrc(page)).includes("template=payday-sale"),
  );
  assert.deepEqual(
    await slotOf(page, "countdown"),
    SLOTS["payday-sale"].countdown,
  );
  assert.deepEqual(
    await slotOf(page, "pinned_comment"),
    SLOTS["payday-sale"].pinned_comment,
  );
  assert.equal(
    await page.evaluate(() => document.documentElement.dataset.template),
    "payday-sale",
  );
  assert.equal(
    await page.evaluate(
      () => document.getElementById("frame-image").naturalWidth,
    ),
    1080,
  );
  await pandu.api("PUT", "/api/frame", { template: "novilla" });
  await until("novilla again", 10_000, async () =>
    (await frameSrc(page)).includes("template=novilla"),
  );
  assert.deepEqual(trouble, []);
  await page.close();
});

test("?template=NAME shows that template while another is on air, and follows its version", async () => {
  const { page, trouble } = await openFrame("?template=avenco");
  assert.match(await frameSrc(page), /template=avenco&v=\d+/);
  assert.deepEqual(await slotOf(page, "countdown"), SLOTS.avenco.countdown);
  assert.deepEqual(
    await slotOf(page, "pinned_comment"),
    SLOTS.avenco.pinned_comment,
  );
  // Another template goes on air: this page stays on its own, with the new version's PNG.
  const before = await frameSrc(page);
  await pandu.api("PUT", "/api/frame", { template: "payday-sale" });
  await until(
    "the new version",
    10_000,
    async () => (await frameSrc(page)) !== before,
  );
  assert.match(await frameSrc(page), /template=avenco&v=\d+/);
  assert.deepEqual(await slotOf(page, "countdown"), SLOTS.avenco.countdown);
  await pandu.api("PUT", "/api/frame", { template: "novilla" });

  assert.deepEqual(trouble, []);
  await page.close();

  // A template that does not exist shows nothing, and says why (for a look in devtools).
  const missing = await newPage({ viewport: { width: 1080, height: 1920 } });
  await missing.goto(`${pandu.base}/overlay/frame?template=nope`);
  await until("the problem", 10_000, () =>
    missing.evaluate(() => document.documentElement.dataset.problem),
  );
  assert.match(
    await missing.evaluate(() => document.documentElement.dataset.problem),
    /no template 'nope'/,
  );
  assert.equal(await missing.locator("#frame-image, .widget").count(), 0);
  await missing.close();
});

test("the overlay comes back by itself when the server restarts", async () => {
  const { page } = await openFrame();
  await pandu.stop();
  await untilConnection(page, "lost");
  await pandu.start(); // the same port, the same settings
  await untilConnection(page, "open", 20_000);
  const drop = await pandu.api("POST", "/api/flash-sales", {
    product: "Lampu Lantai Rotan",
    price: "Rp 459.000",
    seconds: 120,
  });
  await untilText(page, ".cd-product", "Lampu Lantai Rotan");
  assert.equal(
    await page.evaluate(
      () => document.getElementById("frame-image").naturalWidth,
    ),
    1080,
  );
  await pandu.api("DELETE", `/api/flash-sales/${drop.id}`);
  await page.close();
});
