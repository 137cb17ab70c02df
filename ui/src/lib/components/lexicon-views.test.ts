// Server-renders the list for TikTok LIVE's own keyword filter, as the lexicon tab shows it.

import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { textOf } from '../test-fixtures';
import TiktokFilterResult from './TiktokFilterResult.svelte';

const XSS = '<img src=x onerror=alert(1)>';

describe('the TikTok keyword filter list', () => {
  it('says how many lines there are, shows them and offers to copy and save them', () => {
    const filter = { lines: ['slot gacor', 'tokped', 'maxwin'], notes: '# why\n1 slot gacor' };
    const { body } = render(TiktokFilterResult, { props: { filter } });
    expect(textOf(body, 'tiktok-filter-count', 'p')).toBe('3 baris (maks. 200)');
    expect(body).toMatch(/data-testid="tiktok-filter-lines"[^>]*>slot gacor\ntokped\nmaxwin\n</);
    for (const testid of ['tiktok-filter-copy', 'tiktok-filter-save', 'tiktok-filter-save-notes']) {
      expect(body).not.toMatch(new RegExp(`data-testid="${testid}"[^>]*disabled`));
    }
  });

  it('never counts or shows more than TikTok takes', () => {
    const lines = Array.from({ length: 250 }, (_, i) => `kata${i}`);
    const { body } = render(TiktokFilterResult, { props: { filter: { lines, notes: '' } } });
    expect(textOf(body, 'tiktok-filter-count', 'p')).toBe('200 baris (maks. 200)');
    expect(body).toContain('kata199');
    expect(body).not.toContain('kata200');
    expect(body).toMatch(/data-testid="tiktok-filter-save-notes"[^>]*disabled/);
  });

  it('says when there is nothing to paste', () => {
    const { body } = render(TiktokFilterResult, { props: { filter: { lines: [], notes: '' } } });
    expect(textOf(body, 'tiktok-filter-count', 'p')).toBe(
      'Tidak ada kata untuk filter: paket aturan dan leksikon Anda kosong.',
    );
    expect(body).not.toContain('data-testid="tiktok-filter-lines"');
    expect(body).toMatch(/data-testid="tiktok-filter-copy"[^>]*disabled/);
  });

  it('keeps a keyword as text', () => {
    const { body } = render(TiktokFilterResult, {
      props: { filter: { lines: [XSS], notes: XSS } },
    });
    expect(body).not.toContain('<img');
  });
});
