// The host banner: which incoming comment the host must be warned about, and for how long, in
// the window and on the host page alike. The core decides whether a comment raises one, what
// kind, for how long and how it ranks (`Comment.banner`, src/event.rs `Banner::for_flags`); this
// module only keeps the one on screen by those rules. Pure (time is passed in) so it is tested
// without timers or a DOM.
//
// - A banner replaces the one showing unless that one has not expired and outranks it
//   (`priority`): an ordinary flagged comment must not push a scam warning away.
// - A banner expires `duration_ms` after it was raised, measured on the screen's own clock (event
//   times come from the source and may lag or be replayed).

import type { BannerKind } from './bindings/BannerKind';
import type { Category } from './bindings/Category';
import type { LiveEvent } from './bindings/LiveEvent';
import type { Why } from './bindings/Why';
import type { CommentEvent } from './feed.svelte';
import { impersonatedHandle, suggestionsOf } from './moderation';

export type HostBanner = {
  kind: BannerKind;
  event: CommentEvent;
  category: Category;
  suggestions: string[];
  /** For impersonation: the official handle being copied, without `@`, when the core names it. */
  officialHandle: string | null;
  /**
   * The rule the banner is about, as the core decided it (the most urgent flag's, for a rule
   * pack's entry), or null when it names none (spam, the shop's own terms).
   */
  why: Why | null;
  priority: number;
  expiresAt: number;
};

/** The banner `event` raises on its own at `now`, or null when the core says it does not. */
export function bannerFor(event: LiveEvent, now: number): HostBanner | null {
  if (event.type !== 'comment' || event.banner === undefined) return null;
  const { kind, category, duration_ms, priority, why } = event.banner;
  return {
    kind,
    event,
    category,
    suggestions: suggestionsOf(event.flags),
    officialHandle: kind === 'impersonation' ? impersonatedHandle(event.flags) : null,
    why: why ?? null,
    priority,
    expiresAt: now + duration_ms,
  };
}

export function isExpired(banner: HostBanner, now: number): boolean {
  return now >= banner.expiresAt;
}

/** The banner to show after a batch of `events` arrived at `now`, given the one showing. */
export function nextBanner(
  current: HostBanner | null,
  events: readonly LiveEvent[],
  now: number,
): HostBanner | null {
  let banner = current !== null && !isExpired(current, now) ? current : null;
  for (const event of events) {
    const candidate = bannerFor(event, now);
    if (candidate === null) continue;
    if (banner !== null && banner.priority > candidate.priority) continue;
    banner = candidate;
  }
  return banner;
}
