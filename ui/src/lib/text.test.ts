import { describe, expect, it } from 'vitest';
import type { Category } from './bindings/Category';
import type { Flag } from './bindings/Flag';
import { flag } from './test-fixtures';
import {
  AVATAR_COLOURS,
  avatarColour,
  formatTimeOfDay,
  initialOf,
  isSafeAvatarUrl,
  splitFlagged,
} from './text';

const byteLength = (s: string) => new TextEncoder().encode(s).length;

/** A flag on the first occurrence of `matched` in `text`, with both spans as the core sends them. */
function flagOn(
  text: string,
  matched: string,
  category: Category = 'competitor',
  suggest: string | null = null,
): Flag {
  const index = text.indexOf(matched);
  if (index < 0) throw new Error(`${matched} not in ${text}`);
  const start = byteLength(text.slice(0, index));
  return flag({
    term: matched,
    category,
    start,
    end: start + byteLength(matched),
    start_utf16: index,
    end_utf16: index + matched.length,
    matched,
    suggest,
  });
}

/** A text flag spanning the UTF-16 units `start_utf16..end_utf16`, however wrong. */
const spanning = (start_utf16: number, end_utf16: number): Flag =>
  flag({
    term: 't',
    category: 'spam',
    start: 0,
    end: 1,
    start_utf16,
    end_utf16,
    matched: 'x',
    suggest: null,
    target: 'text',
  });

describe('splitFlagged', () => {
  it('returns the text whole when nothing is flagged', () => {
    expect(splitFlagged('halo kak', [])).toEqual([{ text: 'halo kak', flag: null }]);
    expect(splitFlagged('', [])).toEqual([]);
  });

  it('splits plain ASCII around a flag', () => {
    const text = 'beli di shopee aja';
    const flag = flagOn(text, 'shopee', 'competitor', 'oranye');
    expect(splitFlagged(text, [flag])).toEqual([
      { text: 'beli di ', flag: null },
      { text: 'shopee', flag },
      { text: ' aja', flag: null },
    ]);
  });

  it('slices by the UTF-16 span after multi-byte characters (accents, emoji)', () => {
    // 'é' is 2 bytes, '🔥' is 4 bytes and 2 UTF-16 units: byte and string offsets differ.
    const text = 'café 🔥🔥 wa 0812 ya';
    const flag = flagOn(text, 'wa 0812', 'offplatform');
    expect([flag.start, flag.start_utf16]).toEqual([15, 10]);
    const segments = splitFlagged(text, [flag]);
    expect(segments.map((s) => s.text)).toEqual(['café 🔥🔥 ', 'wa 0812', ' ya']);
    expect(segments[1]!.flag).toBe(flag);
  });

  it('flags a span that is itself multi-byte, at the start and the end', () => {
    const text = '😡anjir😡';
    const first = flagOn(text, '😡anjir', 'profanity');
    expect(splitFlagged(text, [first]).map((s) => s.text)).toEqual(['😡anjir', '😡']);
    const whole: Flag = { ...first, start_utf16: 0, end_utf16: text.length };
    expect(splitFlagged(text, [whole])).toEqual([{ text, flag: whole }]);
  });

  it('handles several flags given out of order', () => {
    const text = 'cek tokopedia atau shopee';
    const a = flagOn(text, 'tokopedia');
    const b = flagOn(text, 'shopee');
    expect(splitFlagged(text, [b, a]).map((s) => [s.text, s.flag?.term ?? null])).toEqual([
      ['cek ', null],
      ['tokopedia', 'tokopedia'],
      [' atau ', null],
      ['shopee', 'shopee'],
    ]);
  });

  it('skips flags that overlap an earlier one', () => {
    const text = 'promo gratis ongkir';
    const wide = flagOn(text, 'gratis ongkir', 'claim');
    const inner = flagOn(text, 'ongkir', 'spam');
    expect(splitFlagged(text, [inner, wide]).map((s) => s.text)).toEqual([
      'promo ',
      'gratis ongkir',
    ]);
  });

  it('skips flags with offsets out of range, reversed, empty, or inside a character', () => {
    const text = 'é🔥x'; // UTF-16: é 0..1, 🔥 1..3 (a surrogate pair), x 3..4
    const bad = [spanning(0, 99), spanning(3, 2), spanning(2, 2), spanning(2, 4), spanning(0, 2)];
    expect(splitFlagged(text, bad)).toEqual([{ text, flag: null }]);
    expect(splitFlagged(text, [spanning(1, 3)]).map((s) => s.text)).toEqual(['é', '🔥', 'x']);
  });

  it('keeps markup-looking text as plain text segments', () => {
    const text = '<img src=x onerror=alert(1)> beli';
    const flag = flagOn(text, 'beli');
    expect(splitFlagged(text, [flag])[0]).toEqual({
      text: '<img src=x onerror=alert(1)> ',
      flag: null,
    });
  });
});

describe('row helpers', () => {
  it('formats a local clock as HH:MM:SS', () => {
    const ts = new Date(2025, 0, 2, 7, 5, 9).getTime();
    expect(formatTimeOfDay(ts)).toBe('07:05:09');
  });

  it('loads only https avatars', () => {
    expect(isSafeAvatarUrl('https://p16.tiktokcdn.com/a.jpg')).toBe(true);
    expect(isSafeAvatarUrl('http://example.com/a.jpg')).toBe(false);
    expect(isSafeAvatarUrl('data:image/png;base64,AAAA')).toBe(false);
    expect(isSafeAvatarUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeAvatarUrl(' https://x')).toBe(false);
    expect(isSafeAvatarUrl(null)).toBe(false);
  });

  it('takes a whole first character for the letter avatar', () => {
    expect(initialOf('sari')).toBe('S');
    expect(initialOf('  budi')).toBe('B');
    expect(initialOf('🔥kak')).toBe('🔥');
    expect(initialOf('')).toBe('?');
  });

  it('gives a user the same colour slot every time', () => {
    expect(avatarColour('7001')).toBe(avatarColour('7001'));
    for (const key of ['', '1', 'abc', '6812345678901234567']) {
      const slot = avatarColour(key);
      expect(slot).toBeGreaterThanOrEqual(0);
      expect(slot).toBeLessThan(AVATAR_COLOURS);
    }
  });
});
