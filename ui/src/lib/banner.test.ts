import { describe, expect, it } from 'vitest';
import { BANNER_MS, bannerFor, isExpired, nextBanner } from './banner';
import { authorFlag, comment, gift, user, wordFlag } from './test-fixtures';

const T0 = 1_000_000;

function flagged(text: string, matched: string, category: string, suggest: string | null = null) {
  return comment(text, [wordFlag(text, matched, category, suggest)]);
}

const impostor = (text = 'transfer ke rekening ini ya kak') =>
  comment(text, [authorFlag('impersonation', '@novilla.official')], user({ unique_id: 'novi11a' }));

describe('which comment raises the banner', () => {
  it('raises on a flagged comment, with its category and suggestion', () => {
    const banner = bannerFor(
      flagged('cek shopee aja', 'shopee', 'competitor', 'aplikasi oren'),
      T0,
    );
    expect(banner).toMatchObject({
      kind: 'flagged',
      category: 'competitor',
      suggestions: ['aplikasi oren'],
      officialHandle: null,
      expiresAt: T0 + BANNER_MS,
    });
    expect(banner?.event.type === 'comment' && banner.event.text).toBe('cek shopee aja');
  });

  it('ignores clean comments, other events, spam-only and muted authors', () => {
    expect(bannerFor(comment('halo kak'), T0)).toBeNull();
    expect(bannerFor(gift(), T0)).toBeNull();
    expect(bannerFor(comment('BELI BELI', [authorFlag('spam', 'caps')]), T0)).toBeNull();
    expect(bannerFor(flagged('klik link ini', 'link', 'spam'), T0)).toBeNull();
    const muted = comment('cek shopee', [
      wordFlag('cek shopee', 'shopee', 'competitor'),
      authorFlag('muted'),
    ]);
    expect(bannerFor(muted, T0)).toBeNull();
  });

  it('looks past spam to the finding that matters', () => {
    const text = 'wa aku wa aku';
    const event = comment(text, [authorFlag('spam', 'flood'), wordFlag(text, 'wa', 'offplatform')]);
    expect(bannerFor(event, T0)?.category).toBe('offplatform');
  });

  it('raises on a provocation like on any other finding', () => {
    expect(bannerFor(flagged('dasar penipu', 'penipu', 'provocation'), T0)).toMatchObject({
      kind: 'flagged',
      category: 'provocation',
      suggestions: [],
      officialHandle: null,
      expiresAt: T0 + BANNER_MS,
    });
    // Repeated by the same account it is also spam ("repeat"), which must not hide it.
    const text = 'barang kw semua';
    const repeated = comment(text, [
      authorFlag('spam', 'repeat'),
      wordFlag(text, 'barang kw', 'provocation'),
    ]);
    expect(bannerFor(repeated, T0)?.category).toBe('provocation');
    // Alone, the repeat is noise the feed marks, not a banner.
    expect(bannerFor(comment(text, [authorFlag('spam', 'repeat')]), T0)).toBeNull();
  });

  it('raises its own kind for an impersonator, naming the copied handle', () => {
    expect(bannerFor(impostor(), T0)).toMatchObject({
      kind: 'impersonation',
      category: 'impersonation',
      officialHandle: 'novilla.official',
    });
  });
});

describe('which banner wins', () => {
  it('shows the newest flagged comment of a batch', () => {
    const banner = nextBanner(
      null,
      [
        flagged('cek shopee', 'shopee', 'competitor'),
        comment('halo'),
        flagged('anjir', 'anjir', 'profanity'),
      ],
      T0,
    );
    expect(banner?.category).toBe('profanity');
  });

  it('keeps the current banner when a batch brings nothing new', () => {
    const first = nextBanner(null, [flagged('cek shopee', 'shopee', 'competitor')], T0);
    expect(nextBanner(first, [comment('halo')], T0 + 1000)).toBe(first);
    expect(nextBanner(first, [], T0 + 1000)).toBe(first);
  });

  it('replaces an ordinary banner with a newer one, restarting the clock', () => {
    const first = nextBanner(null, [flagged('cek shopee', 'shopee', 'competitor')], T0);
    const second = nextBanner(first, [flagged('anjir', 'anjir', 'profanity')], T0 + 3000);
    expect(second?.category).toBe('profanity');
    expect(second?.expiresAt).toBe(T0 + 3000 + BANNER_MS);
  });

  it('keeps an impersonation warning up over ordinary flagged comments', () => {
    const warning = nextBanner(null, [impostor()], T0);
    const after = nextBanner(warning, [flagged('cek shopee', 'shopee', 'competitor')], T0 + 2000);
    expect(after).toBe(warning);
    // Within one batch too: the impersonator wins even when an ordinary comment comes later.
    const batch = nextBanner(null, [impostor(), flagged('anjir', 'anjir', 'profanity')], T0);
    expect(batch?.kind).toBe('impersonation');
  });

  it('lets a newer impersonation warning replace an older one', () => {
    const first = nextBanner(null, [impostor('pertama')], T0);
    const second = nextBanner(first, [impostor('kedua')], T0 + 1000);
    expect(second?.event.text).toBe('kedua');
  });

  it('expires after BANNER_MS, after which anything may take the place', () => {
    const warning = nextBanner(null, [impostor()], T0);
    expect(warning && isExpired(warning, T0 + BANNER_MS - 1)).toBe(false);
    expect(warning && isExpired(warning, T0 + BANNER_MS)).toBe(true);
    expect(nextBanner(warning, [], T0 + BANNER_MS)).toBeNull();
    const next = nextBanner(
      warning,
      [flagged('cek shopee', 'shopee', 'competitor')],
      T0 + BANNER_MS,
    );
    expect(next?.kind).toBe('flagged');
  });
});
