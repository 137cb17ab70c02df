import { describe, expect, it } from 'vitest';
import { appendToDraft, hitAsFlag } from './lexicon';

describe('draft editing', () => {
  const block = '[[term]]\nterm = "tokped"\ncategory = "competitor"\n';

  it('appends imported terms as their own block', () => {
    expect(appendToDraft('a = 1', block)).toBe(`a = 1\n\n${block}`);
    expect(appendToDraft('a = 1\n\n\n', block)).toBe(`a = 1\n\n${block}`);
    expect(appendToDraft('', block)).toBe(block);
    expect(appendToDraft('a = 1\n', '  \n')).toBe('a = 1\n');
  });

  it('turns a script hit into a flag with the same span', () => {
    const flag = hitAsFlag({
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
    });
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
});
