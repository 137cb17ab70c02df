// Which comment raises a banner is the core's decision (src/event.rs `Banner::for_flags`, tested
// there and read from real comments in golden.test.ts); here, only how the one on screen is kept.

import { describe, expect, it } from 'vitest';
import { bannerFor, isExpired, nextBanner } from './banner';
import type { Category } from './bindings/Category';
import type { Flag } from './bindings/Flag';
import { authorFlag, comment, gift, user, why, withBanner, wordFlag } from './test-fixtures';

const T0 = 1_000_000;
const DURATION = 8000;

function flagged(text: string, matched: string, category: Category, suggest: string | null = null) {
  return withBanner(comment(text, [wordFlag(text, matched, category, suggest)]), category);
}

const impostor = (text = 'transfer ke rekening ini ya kak') =>
  withBanner(
    comment(
      text,
      [authorFlag('impersonation', '@novilla.official')],
      user({ unique_id: 'novi11a' }),
    ),
    'impersonation',
  );

describe('the banner a comment raises', () => {
  it('is the one the core marked, with its suggestion, for the time the core gave', () => {
    const banner = bannerFor(
      flagged('cek shopee aja', 'shopee', 'competitor', 'aplikasi oren'),
      T0,
    );
    expect(banner).toMatchObject({
      kind: 'flagged',
      category: 'competitor',
      suggestions: ['aplikasi oren'],
      officialHandle: null,
      expiresAt: T0 + DURATION,
    });
    expect(banner?.event.type === 'comment' && banner.event.text).toBe('cek shopee aja');
  });

  it('is none for a comment the core did not mark, flags or not, and for other events', () => {
    expect(bannerFor(comment('halo kak'), T0)).toBeNull();
    expect(
      bannerFor(comment('cek shopee', [wordFlag('cek shopee', 'shopee', 'spam')]), T0),
    ).toBeNull();
    expect(bannerFor(gift(), T0)).toBeNull();
  });

  it('names the handle an impersonator copies', () => {
    expect(bannerFor(impostor(), T0)).toMatchObject({
      kind: 'impersonation',
      officialHandle: 'novilla.official',
    });
  });

  it('carries the rule the core decided the banner is about', () => {
    const text = 'beli di tokped aja, wa aku';
    const rival: Flag = { ...wordFlag(text, 'tokped', 'competitor'), why: why() };
    const contact: Flag = {
      ...wordFlag(text, 'wa', 'offplatform'),
      why: why({ policy: 'off-platform-contact' }),
    };
    const event = withBanner(comment(text, [rival, contact]), 'offplatform', contact.why);
    expect(bannerFor(event, T0)?.why?.policy).toBe('off-platform-contact');
    // The shop's own terms and the detectors name no rule.
    expect(bannerFor(flagged('cek pasarku', 'pasarku', 'competitor'), T0)?.why).toBeNull();
    expect(bannerFor(impostor(), T0)?.why).toBeNull();
  });
});

describe('which banner stays on screen', () => {
  it('shows the newest of a batch among equals', () => {
    const batch = [
      flagged('cek shopee', 'shopee', 'competitor'),
      comment('halo'),
      flagged('anjir', 'anjir', 'profanity'),
    ];
    expect(nextBanner(null, batch, T0)?.category).toBe('profanity');
  });

  it('keeps the current banner when a batch brings nothing new', () => {
    const first = nextBanner(null, [flagged('cek shopee', 'shopee', 'competitor')], T0);
    expect(nextBanner(first, [comment('halo')], T0 + 1000)).toBe(first);
    expect(nextBanner(first, [], T0 + 1000)).toBe(first);
  });

  it('replaces a banner with a newer one of the same priority, restarting the clock', () => {
    const first = nextBanner(null, [flagged('cek shopee', 'shopee', 'competitor')], T0);
    const second = nextBanner(first, [flagged('anjir', 'anjir', 'profanity')], T0 + 3000);
    expect(second?.category).toBe('profanity');
    expect(second?.expiresAt).toBe(T0 + 3000 + DURATION);
  });

  it('keeps a higher-priority banner up over lower ones, within a batch too', () => {
    const warning = nextBanner(null, [impostor()], T0);
    expect(nextBanner(warning, [flagged('cek shopee', 'shopee', 'competitor')], T0 + 2000)).toBe(
      warning,
    );
    const batch = nextBanner(null, [impostor(), flagged('anjir', 'anjir', 'profanity')], T0);
    expect(batch?.kind).toBe('impersonation');
    const newer = nextBanner(warning, [impostor('kedua')], T0 + 1000);
    expect(newer?.event.text).toBe('kedua');
  });

  it('expires after its duration, after which anything may take the place', () => {
    const warning = nextBanner(null, [impostor()], T0);
    expect(warning && isExpired(warning, T0 + DURATION - 1)).toBe(false);
    expect(warning && isExpired(warning, T0 + DURATION)).toBe(true);
    expect(nextBanner(warning, [], T0 + DURATION)).toBeNull();
    const next = nextBanner(
      warning,
      [flagged('cek shopee', 'shopee', 'competitor')],
      T0 + DURATION,
    );
    expect(next?.kind).toBe('flagged');
  });
});
