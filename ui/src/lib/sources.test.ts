import { describe, expect, it } from 'vitest';
import { tiktokHandleOf, tiktokSpec } from './sources';

describe('tiktokSpec', () => {
  it('writes what was typed as a tiktok spec, with or without the @', () => {
    expect(tiktokSpec(' @toko.sari ')).toBe('tiktok:@toko.sari');
    expect(tiktokSpec('toko.sari')).toBe('tiktok:@toko.sari');
    expect(tiktokSpec('https://www.tiktok.com/@toko.sari/live')).toBe(
      'tiktok:https://www.tiktok.com/@toko.sari/live',
    );
  });

  it('is empty until something is typed', () => {
    expect(tiktokSpec('   ')).toBe('');
  });
});

describe('tiktokHandleOf', () => {
  it('finds the handle of a running TikTok source and nothing else', () => {
    expect(tiktokHandleOf('tiktok:@toko.sari')).toBe('@toko.sari');
    expect(tiktokHandleOf('demo')).toBeNull();
    expect(tiktokHandleOf('tiktok:@toko + tikfinity')).toBeNull();
  });
});
