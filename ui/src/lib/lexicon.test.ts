import { describe, expect, it } from 'vitest';
import type { ScriptHit } from './bindings/ScriptHit';
import {
  appendToDraft,
  hitAsFlag,
  linesText,
  TIKTOK_FILTER_FILES,
  TIKTOK_FILTER_MAX,
  tiktokFilterLines,
} from './lexicon';
import { why } from './test-fixtures';

describe('draft editing', () => {
  const block = '[[term]]\nterm = "tokped"\ncategory = "competitor"\n';

  it('appends imported terms as their own block', () => {
    expect(appendToDraft('a = 1', block)).toBe(`a = 1\n\n${block}`);
    expect(appendToDraft('a = 1\n\n\n', block)).toBe(`a = 1\n\n${block}`);
    expect(appendToDraft('', block)).toBe(block);
    expect(appendToDraft('a = 1\n', '  \n')).toBe('a = 1\n');
  });

  const hit: ScriptHit = {
    line: 2,
    column: 3,
    start: 10,
    end: 16,
    start_utf16: 8,
    end_utf16: 14,
    category: 'competitor',
    severity: 'high',
    term: 'shopee',
    matched: 'Shopee',
    suggest: 'aplikasi oren',
    why: null,
    cue: null,
  };

  it('turns a script hit into a flag with the same span', () => {
    const flag = hitAsFlag(hit);
    expect(flag).toEqual({
      term: 'shopee',
      category: 'competitor',
      severity: 'high',
      target: 'text',
      start: 10,
      end: 16,
      start_utf16: 8,
      end_utf16: 14,
      matched: 'Shopee',
      suggest: 'aplikasi oren',
    });
  });

  it('keeps the rule a script hit breaks, for the tooltip', () => {
    const ruled = hitAsFlag({ ...hit, why: why(), cue: { cue: 'beli', matched: 'beli' } });
    expect(ruled.why).toEqual(why());
    expect(ruled.info).toBeUndefined();
  });
});

describe('the list for TikTok LIVE’s keyword filter', () => {
  it('pastes at most 200 lines, none blank', () => {
    const many = Array.from({ length: 230 }, (_, i) => `kata${i}`);
    const lines = tiktokFilterLines({ lines: ['', ...many, '  '], notes: '' });
    expect(TIKTOK_FILTER_MAX).toBe(200);
    expect(lines).toHaveLength(200);
    expect(lines[0]).toBe('kata0');
    expect(lines.at(-1)).toBe('kata199');
    expect(tiktokFilterLines({ lines: ['slot gacor', 'tokped'], notes: '' })).toEqual([
      'slot gacor',
      'tokped',
    ]);
  });

  it('saves a line each, ending with a newline, beside the reasoning', () => {
    expect(linesText(['slot gacor', 'tokped'])).toBe('slot gacor\ntokped\n');
    expect(linesText([])).toBe('');
    expect(TIKTOK_FILTER_FILES.lines).toMatch(/\.txt$/);
    expect(TIKTOK_FILTER_FILES.notes).toMatch(/\.txt$/);
    expect(TIKTOK_FILTER_FILES.notes).not.toBe(TIKTOK_FILTER_FILES.lines);
  });
});
