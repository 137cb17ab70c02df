// Colours the pages take from outside (a template's style, the `accent` URL parameter), checked
// before CSS sees them, and the text colour that reads on each.

/** A colour (`#RGB`, `#RRGGBB`, `#RRGGBBAA`) as CSS takes it, or `fallback`. */
export function cssColour(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(value)
    ? value
    : fallback;
}

/** `#RGB` / `#RRGGBB` / `#RRGGBBAA` → [r, g, b] in 0..255 (alpha dropped). */
function channels(hex: string): number[] {
  const digits = hex.slice(1);
  const full = digits.length === 3 ? digits.replace(/./g, (c) => c + c) : digits;
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16));
}

/** WCAG relative luminance of a colour, 0 (black) .. 1 (white). */
function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = channels(hex).map((value) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two colours, 1..21. */
export function contrast(a: string, b: string): number {
  const [light = 0, dark = 0] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** Near-black or white, whichever contrasts more with `hex`. */
export function readableOn(hex: string): string {
  return contrast(hex, '#111111') > contrast(hex, '#ffffff') ? '#111111' : '#ffffff';
}
