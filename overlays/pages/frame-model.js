// What the frame overlay decides without a DOM, so node:test can check it: a template's colours
// made safe for CSS, which drop the countdown slot shows, whether the current product is on a
// flash sale right now, and a viewer's initials for an avatar that did not load.

/** A template colour (`#RGB`, `#RRGGBB`, `#RRGGBBAA`) as CSS takes it, or `fallback`. */
export function cssColour(value, fallback) {
  return typeof value === "string" &&
    /^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(value)
    ? value
    : fallback;
}

/** `#RGB` / `#RRGGBB` / `#RRGGBBAA` → [r, g, b] in 0..255 (alpha dropped). */
function channels(hex) {
  const digits = hex.slice(1);
  const full =
    digits.length === 3 ? digits.replace(/./g, (c) => c + c) : digits;
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16));
}

/** WCAG relative luminance of a colour, 0 (black) .. 1 (white). */
export function luminance(hex) {
  const [r, g, b] = channels(hex).map((value) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two colours, 1..21. */
export function contrast(a, b) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** Near-black or white, whichever contrasts more with `hex`. */
export function readableOn(hex) {
  return contrast(hex, "#111111") > contrast(hex, "#ffffff")
    ? "#111111"
    : "#ffffff";
}

/**
 * Below this contrast with the slot's background, the accent is used for shapes only and text
 * that would be in the accent takes the slot's text colour (a brass price on cream is unreadable).
 */
export const ACCENT_TEXT_CONTRAST = 2.5;

/** The colours a slot is drawn with, from its template style, every one valid CSS. */
export function slotColours(style = {}) {
  const background = cssColour(style.background, "#000000B3");
  const color = cssColour(style.color, "#FFFFFF");
  const accent = cssColour(style.accent, "#F4511E");
  return {
    background,
    color,
    accent,
    onAccent: readableOn(accent),
    accentText:
      contrast(accent, background) >= ACCENT_TEXT_CONTRAST ? accent : color,
  };
}

/** A template's font family as a CSS string (quotes and backslashes dropped), or null. */
export function fontFamily(font) {
  if (typeof font !== "string") return null;
  const clean = font.replace(/["\\\n\r]/g, "").trim();
  return clean ? `"${clean}"` : null;
}

/**
 * The drop the countdown slot shows, from DropTimers' `read` (`{ sale, phase, seconds }`), and
 * how many others are open: the payment window closing soonest first, then the lead-in starting
 * soonest, and a drop that just closed (saying "time is up") only when nothing else is open.
 */
export function pickDrop(shown) {
  const open = shown.filter((drop) => drop.phase !== "closed");
  const rank = (drop) => (drop.phase === "window" ? 0 : 1);
  open.sort((a, b) => rank(a) - rank(b) || a.seconds - b.seconds);
  if (open.length > 0) return { drop: open[0], others: open.length - 1 };
  const closed = shown.find((drop) => drop.phase === "closed");
  return { drop: closed ?? null, others: 0 };
}

/** A product name as two names are compared: case, spacing and accents aside. */
function sameProduct(a, b) {
  const norm = (text) =>
    String(text)
      .normalize("NFKC")
      .toLocaleLowerCase("id")
      .replace(/\s+/g, " ")
      .trim();
  return norm(a) === norm(b);
}

/**
 * The run sheet's current slot and the flash sale running for its product, if any:
 * `{ slot, sale }`, `slot` null before the start or without a sheet.
 */
export function currentProduct(runSheet, sales = []) {
  const slot =
    runSheet && runSheet.slot !== null && runSheet.slot !== undefined
      ? (runSheet.slots[runSheet.slot] ?? null)
      : null;
  if (!slot) return { slot: null, sale: null };
  const sale =
    sales.find(
      (candidate) =>
        (candidate.state === "running" || candidate.state === "ending") &&
        sameProduct(candidate.product, slot.product),
    ) ?? null;
  return { slot, sale };
}

/** Up to two initials of a name ("Sari Dewi" → "SD", "🌸 bunga" → "🌸B"), "?" for none. */
export function initials(name) {
  const words = String(name ?? "")
    .replace(/[@_.\-]+/g, " ")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  // Whole graphemes, so an emoji or an accented letter is never cut in half.
  const segmenter =
    typeof Intl.Segmenter === "function"
      ? new Intl.Segmenter(undefined, { granularity: "grapheme" })
      : null;
  const first = (word) =>
    segmenter
      ? (segmenter.segment(word)[Symbol.iterator]().next().value?.segment ?? "")
      : Array.from(word)[0];
  const letters = words
    .slice(0, 2)
    .map((word) => first(word).toLocaleUpperCase("id"));
  return letters.join("") || "?";
}

/** An avatar address the page may load: https only (TikTok's CDN), else null (initials). */
export function avatarUrl(url) {
  if (typeof url !== "string") return null;
  try {
    return new URL(url).protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}
