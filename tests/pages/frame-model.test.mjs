// What the frame overlay decides without a DOM (overlays/pages/frame-model.js).
//
// Run: node --test tests/pages/

import { test } from "node:test";
import assert from "node:assert/strict";

import {
  avatarUrl,
  cssColour,
  currentProduct,
  fontFamily,
  initials,
  pickDrop,
  slotColours,
} from "../../overlays/pages/frame-model.js";

test("template colours pass only as valid CSS hex; the accent is text only where it reads", () => {
  assert.equal(cssColour("#1F3B2DD9", "x"), "#1F3B2DD9");
  assert.equal(cssColour("#fff", "x"), "#fff");
  assert.equal(cssColour("red; background: url(x)", "#000"), "#000");
  assert.equal(cssColour(undefined, "#000"), "#000");
  // Brass on cream is unreadable: the price takes the text colour.
  const cream = slotColours({
    background: "#F5EFE3F2",
    color: "#1F3B2D",
    accent: "#C9A227",
  });
  assert.equal(cream.accentText, "#1F3B2D");
  assert.equal(cream.onAccent, "#111111");
  const green = slotColours({
    background: "#1F3B2DE6",
    color: "#F5EFE3",
    accent: "#C9A227",
  });
  assert.equal(green.accentText, "#C9A227");
  assert.equal(fontFamily('Evil" } body { x'), '"Evil } body { x"');
  assert.equal(fontFamily(""), null);
});

test("the countdown slot shows the payment window closing soonest, then a lead-in", () => {
  const drop = (id, phase, seconds) => ({ sale: { id }, phase, seconds });
  assert.deepEqual(pickDrop([]), { drop: null, others: 0 });
  const picked = pickDrop([
    drop("a", "lead-in", 30),
    drop("b", "window", 200),
    drop("c", "window", 90),
    drop("d", "closed", 0),
  ]);
  assert.equal(picked.drop.sale.id, "c");
  assert.equal(picked.others, 2);
  assert.equal(pickDrop([drop("a", "lead-in", 30)]).drop.sale.id, "a");
  assert.equal(pickDrop([drop("d", "closed", 0)]).drop.sale.id, "d");
});

test("the product card finds a running drop for the current product", () => {
  const sheet = {
    slot: 0,
    slots: [{ product: "Sofa  Oslo", price: "Rp 3.499.000" }],
  };
  const sale = (state, product = "sofa oslo") => ({ state, product });
  assert.deepEqual(currentProduct(null), { slot: null, sale: null });
  assert.equal(currentProduct({ ...sheet, slot: null }).slot, null);
  assert.equal(currentProduct(sheet, [sale("running")]).sale.state, "running");
  assert.equal(currentProduct(sheet, [sale("ending")]).sale.state, "ending");
  assert.equal(currentProduct(sheet, [sale("upcoming")]).sale, null);
  assert.equal(currentProduct(sheet, [sale("closed")]).sale, null);
  assert.equal(currentProduct(sheet, [sale("running", "Meja")]).sale, null);
});

test("initials and avatars", () => {
  assert.equal(initials("Sari Dewi"), "SD");
  assert.equal(initials("budi_santoso99"), "BS");
  assert.equal(initials("🌸 bunga"), "🌸B");
  assert.equal(initials("   "), "?");
  assert.equal(
    avatarUrl("https://p16.tiktokcdn.com/a.jpg"),
    "https://p16.tiktokcdn.com/a.jpg",
  );
  assert.equal(avatarUrl("http://p16.tiktokcdn.com/a.jpg"), null);
  assert.equal(avatarUrl("javascript:alert(1)"), null);
  assert.equal(avatarUrl(null), null);
});
