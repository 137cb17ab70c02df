// The host banner: which incoming comment the host must be warned about, and for how long.
// Pure (time is passed in) so the rules are tested without timers or a DOM.
//
// Rules:
// - A comment triggers when it has a finding of medium severity or above (the core's severity)
//   and its author is not muted: spam is low-severity noise the feed already marks, and muted
//   authors are hidden on purpose.
// - The newest trigger wins, except that a warning about an impersonator stays up until it
//   expires or is dismissed: an ordinary flagged comment must not push a scam warning away.
// - A banner expires BANNER_MS after it was raised, measured on the UI's clock (event times come
//   from the source and may lag or be replayed).

import type { LiveEvent } from './bindings/LiveEvent';
import type { CommentEvent } from './feed.svelte';
import {
  categoriesOf,
  IMPERSONATION,
  impersonatedHandle,
  isMutedFlags,
  raisesWarning,
  suggestionsOf,
} from './moderation';

export const BANNER_MS = 8000;

export type HostBanner = {
  kind: 'impersonation' | 'flagged';
  event: CommentEvent;
  /** The most urgent category of those that raise a warning. */
  category: string;
  suggestions: string[];
  /** For impersonation: the official handle being copied, without `@`, when the core names it. */
  officialHandle: string | null;
  expiresAt: number;
};

/** The banner `event` raises on its own, or null when it should not interrupt the host. */
export function bannerFor(event: LiveEvent, now: number): HostBanner | null {
  if (event.type !== 'comment' || isMutedFlags(event.flags)) return null;
  const categories = categoriesOf(event.flags.filter(raisesWarning));
  const category = categories[0];
  if (category === undefined) return null;
  const impersonating = category === IMPERSONATION;
  return {
    kind: impersonating ? 'impersonation' : 'flagged',
    event,
    category,
    suggestions: suggestionsOf(event.flags),
    officialHandle: impersonating ? impersonatedHandle(event.flags) : null,
    expiresAt: now + BANNER_MS,
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
    if (banner?.kind === 'impersonation' && candidate.kind !== 'impersonation') continue;
    banner = candidate;
  }
  return banner;
}
