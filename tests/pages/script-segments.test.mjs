// The teleprompter's cutting of a script at the core's UTF-8 byte offsets
// (overlays/pages/script-segments.js), without a browser.

import { test } from "node:test";
import assert from "node:assert/strict";

import {
  byteToIndex,
  scriptSegments,
} from "../../overlays/pages/script-segments.js";

/** A hit the way the core reports it: byte offsets of `word`'s first occurrence in `text`. */
function hitFor(text, word, suggest = null) {
  const bytes = new TextEncoder().encode(text);
  const needle = new TextEncoder().encode(word);
  const start = bytes.findIndex((_, i) =>
    needle.every((b, j) => bytes[i + j] === b),
  );
  assert.ok(start >= 0, `${word} not in ${text}`);
  return {
    start,
    end: start + needle.length,
    term: word,
    suggest,
    severity: "high",
  };
}

const pieces = (text, hits) =>
  scriptSegments(text, hits).map((p) => [p.text, p.hit?.term ?? null]);

test("ASCII offsets cut where they say", () => {
  const text = "Jangan beli di shopee ya";
  assert.deepEqual(pieces(text, [hitFor(text, "shopee", "aplikasi oren")]), [
    ["Jangan beli di ", null],
    ["shopee", "shopee"],
    [" ya", null],
  ]);
});

test("emoji, accents and Indonesian text before a hit do not shift it", () => {
  const text = "Halo kakak 🔥🔥 harga spésial, cek di sh0pee 👉 atau WA 0812";
  const hits = [hitFor(text, "sh0pee"), hitFor(text, "WA")];
  assert.deepEqual(pieces(text, hits), [
    ["Halo kakak 🔥🔥 harga spésial, cek di ", null],
    ["sh0pee", "sh0pee"],
    [" 👉 atau ", null],
    ["WA", "WA"],
    [" 0812", null],
  ]);
});

test("a hit at the very start or end, and the pieces always rebuild the text", () => {
  const text = "lazada… murah banget di tokopedia";
  const cut = scriptSegments(text, [
    hitFor(text, "tokopedia"),
    hitFor(text, "lazada"),
  ]);
  assert.equal(cut.map((p) => p.text).join(""), text);
  assert.equal(cut[0].text, "lazada");
  assert.equal(cut.at(-1).text, "tokopedia");
});

test("overlapping, empty and out-of-range hits are left out, the text is kept whole", () => {
  const text = "beli di shopee mall";
  const whole = hitFor(text, "shopee mall");
  const inner = hitFor(text, "mall");
  const cut = scriptSegments(text, [
    inner,
    whole,
    { start: 3, end: 3 },
    { start: 90, end: 99 },
  ]);
  assert.deepEqual(
    cut.map((p) => [p.text, p.hit?.term ?? null]),
    [
      ["beli di ", null],
      ["shopee mall", "shopee mall"],
    ],
  );
});

test("byte offsets map to UTF-16 indexes through 1- to 4-byte characters", () => {
  const toIndex = byteToIndex("aé€😀b");
  assert.deepEqual([0, 1, 3, 6, 10, 11].map(toIndex), [0, 1, 2, 3, 5, 6]);
  // An offset inside a character snaps back to its start.
  assert.equal(toIndex(2), 1);
  assert.equal(toIndex(8), 3);
});

test("a script without hits is one plain piece; an empty one is none", () => {
  assert.deepEqual(pieces("Selamat datang kak", []), [
    ["Selamat datang kak", null],
  ]);
  assert.deepEqual(scriptSegments("", []), []);
});
