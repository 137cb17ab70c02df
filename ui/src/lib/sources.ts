// Sources as the UI shows them: the specs the source picker writes for the core (which parses
// and checks them, saying what is wrong in plain words; these only put the user's input into
// the spec's shape), and each source's state note in the UI's language.

import type { SourceNote } from './bindings/SourceNote';
import type { SourceReason } from './bindings/SourceReason';
import type { MessageKey, Params } from './i18n.svelte';

/** `locale.t`, or `translate` bound to a language. */
export type Translate = (key: MessageKey, params?: Params) => string;

/** The picker's entry for a TikTok LIVE by the host's handle. */
export const TIKTOK = 'tiktok';

/** The spec for the TikTok LIVE of `handle` as typed (`@shop`, `shop`, or a tiktok.com link);
 * empty while nothing is typed, so the start button stays off. */
export function tiktokSpec(handle: string): string {
  const typed = handle.trim();
  if (typed === '') return '';
  return `${TIKTOK}:${typed.startsWith('@') || typed.includes('/') ? typed : `@${typed}`}`;
}

/** The handle of a running `tiktok:@handle` spec (`@handle`), or null for any other spec,
 * several sources included. */
export function tiktokHandleOf(spec: string): string | null {
  const match = /^tiktok:(@[^\s+]+)$/.exec(spec.trim());
  return match ? match[1]! : null;
}

/** Says a source's note (the core's `SourceNote`) in the UI's language. */
export function describeNote(note: SourceNote, t: Translate): string {
  const reason = describeReason(note.reason, t);
  if (note.next === null) return reason;
  const key = note.next.kind === 'retry_in' ? 'nextRetryIn' : 'nextCheckAgainIn';
  return t(key, { reason, seconds: note.next.seconds });
}

function describeReason(reason: SourceReason, t: Translate): string {
  switch (reason.kind) {
    case 'tool_connecting':
      return t('reasonToolConnecting', { tool: reason.tool, url: reason.url });
    case 'tool_connected':
      return t('reasonToolConnected', { tool: reason.tool });
    case 'tool_timed_out':
      return t('reasonToolTimedOut', {
        tool: reason.tool,
        url: reason.url,
        seconds: reason.seconds,
      });
    case 'tool_unreachable':
      return t('reasonToolUnreachable', {
        tool: reason.tool,
        url: reason.url,
        error: reason.error,
      });
    case 'tool_closed':
      return t('reasonToolClosed', { tool: reason.tool });
    case 'tool_failed':
      return t('reasonToolFailed', { tool: reason.tool, error: reason.error });
    case 'tiktok_looking_up':
      return t('reasonTiktokLookingUp', { handle: reason.handle });
    case 'tiktok_joining':
      return t('reasonTiktokJoining', { handle: reason.handle, room: reason.room });
    case 'tiktok_connected':
      return t('reasonTiktokConnected', { handle: reason.handle });
    case 'tiktok_not_found':
      return t('reasonTiktokNotFound', { handle: reason.handle });
    case 'tiktok_not_live':
      return t('reasonTiktokNotLive', { handle: reason.handle });
    case 'tiktok_age_restricted':
      return t(
        reason.logged_in ? 'reasonTiktokAgeRestrictedLoggedIn' : 'reasonTiktokAgeRestricted',
        {
          handle: reason.handle,
        },
      );
    case 'tiktok_blocked':
      return t('reasonTiktokBlocked', { why: reason.why });
    case 'tiktok_rate_limited':
      return t('reasonTiktokRateLimited');
    case 'tiktok_unreachable':
      return t('reasonTiktokUnreachable', { error: reason.error });
    case 'tiktok_unexpected':
      return t('reasonTiktokUnexpected', { error: reason.error });
    case 'tiktok_dropped':
      return t('reasonTiktokDropped');
    case 'tiktok_ended':
      return t('reasonTiktokEnded', { handle: reason.handle });
    case 'tiktok_foreign_room':
      return reason.owner === null
        ? t('reasonTiktokStrayRoom', { handle: reason.handle, room: reason.room })
        : t('reasonTiktokForeignRoom', {
            handle: reason.handle,
            room: reason.room,
            owner: reason.owner,
          });
  }
}
