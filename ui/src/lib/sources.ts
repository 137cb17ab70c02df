// How the source picker writes specs for the core. The core parses and checks them (and says
// what is wrong in plain words); these only put the user's input into the spec's shape.

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
