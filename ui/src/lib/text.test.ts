import { describe, expect, it } from 'vitest';
import type { Flag } from './bindings/Flag';
import { flag } from './test-fixtures';
import {
  AVATAR_COLOURS,
  avatarColour,
  formatClock,
  initialOf,
  isSafeAvatarUrl,
  splitFlagged,
} from './text';

const byteLength = (s: string) => new TextEncoder().encode(s).length;

/** A flag on the first occurrence of `matched` in `text`, with real UTF-8 byte offsets. */
function flagOn(
  text: string,
  matched: string,
  category = 'competitor',
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
    matched,
    suggest,
  });
}

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

  it('converts byte offsets after multi-byte characters (accents, emoji)', () => {
    // 'é' is 2 bytes, '🔥' is 4 bytes and 2 UTF-16 units: byte and string offsets differ.
    const text = 'café 🔥🔥 wa 0812 ya';
    const flag = flagOn(text, 'wa 0812', 'offplatform');
    expect(flag.start).toBe(15); // not the string index 11
    const segments = splitFlagged(text, [flag]);
    expect(segments.map((s) => s.text)).toEqual(['café 🔥🔥 ', 'wa 0812', ' ya']);
    expect(segments[1]!.flag).toBe(flag);
  });

  it('flags a span that is itself multi-byte, at the start and the end', () => {
    const text = '😡anjir😡';
    const first = flagOn(text, '😡anjir', 'profanity');
    expect(splitFlagged(text, [first]).map((s) => s.text)).toEqual(['😡anjir', '😡']);
    const whole: Flag = { ...first, start: 0, end: byteLength(text) };
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
    const text = 'é🔥x';
    const bad: Flag[] = [
      flag({
        term: 't',
        category: 'spam',
        start: 0,
        end: 99,
        matched: '',
        suggest: null,
        target: 'text',
      }),
      flag({
        term: 't',
        category: 'spam',
        start: 3,
        end: 2,
        matched: '',
        suggest: null,
        target: 'text',
      }),
      flag({
        term: 't',
        category: 'spam',
        start: 2,
        end: 2,
        matched: '',
        suggest: null,
        target: 'text',
      }),
      flag({
        term: 't',
        category: 'spam',
        start: 1,
        end: 2,
        matched: '',
        suggest: null,
        target: 'text',
      }), // inside é
      flag({
        term: 't',
        category: 'spam',
        start: 2,
        end: 4,
        matched: '',
        suggest: null,
        target: 'text',
      }), // inside 🔥
    ];
    expect(splitFlagged(text, bad)).toEqual([{ text, flag: null }]);
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
    expect(formatClock(ts)).toBe('07:05:09');
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
