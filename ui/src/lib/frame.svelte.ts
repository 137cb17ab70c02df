// The promo frame as the window shows it: the frame on air and the comment pinned on it, both
// following the core's outbound stream (`frame` and `pinned` messages).

import type { FrameView } from './bindings/FrameView';
import type { HostLink } from './bindings/HostLink';
import type { LiveEvent } from './bindings/LiveEvent';
import type { Outbound } from './bindings/Outbound';
import type { CommentEvent } from './feed.svelte';
import type { MessageKey, Params } from './i18n.svelte';

export class FrameStore {
  /** The frame on air; null until the first `frame` message or `frameCurrent()` answer. */
  frame = $state.raw<FrameView | null>(null);
  /** The comment on the frame's pinned-comment slot, if any. */
  pinned = $state.raw<CommentEvent | null>(null);

  /** One message of the core's outbound stream; only `frame` and `pinned` concern this store. */
  apply(message: Outbound): void {
    if (message.type === 'frame') this.setFrame(message.frame);
    else if (message.type === 'pinned') this.setPinned(message.comment);
  }

  /** Keeps the newest frame: the version only moves forward, so an older answer never wins. */
  setFrame(view: FrameView): void {
    if (this.frame === null || view.version >= this.frame.version) this.frame = view;
  }

  /** Only comments can be pinned; anything else (or null) clears the strip. */
  setPinned(event: LiveEvent | null): void {
    this.pinned = event?.type === 'comment' ? event : null;
  }
}

/** The server's address without a trailing slash, so paths join cleanly. */
function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The frame overlay page on this computer, for OBS's browser source. */
export function overlayUrl(serverUrl: string): string {
  return `${trimSlash(serverUrl)}/overlay/frame`;
}

/** The rendered frame PNG; `version` makes a changed frame a new address. */
export function framePngUrl(serverUrl: string, version: number): string {
  return `${trimSlash(serverUrl)}/overlay/frame.png?v=${version}`;
}

/**
 * The overlay page on the network (for TikTok LIVE Studio, whose "Link" source may refuse
 * loopback addresses): the host view's first network address with the overlay's path, or null
 * when LAN access is off. The overlay needs no token, so none is carried over.
 */
export function lanOverlayUrl(link: HostLink | null): string | null {
  const network = link?.lan ? link.urls[1] : undefined;
  if (network === undefined) return null;
  try {
    return overlayUrl(new URL(network).origin);
  } catch {
    return null;
  }
}

const SLOT_NAMES: Record<string, MessageKey> = {
  countdown: 'slotCountdown',
  product_card: 'slotProductCard',
  pinned_comment: 'slotPinnedComment',
};

/** A template's widget slots in words: "hitung mundur, 2× kartu produk". */
export function slotsText(
  slots: Partial<Record<string, number>>,
  t: (key: MessageKey, params?: Params) => string,
): string {
  const parts = Object.entries(slots)
    .filter((entry): entry is [string, number] => (entry[1] ?? 0) > 0)
    .map(([kind, count]) => {
      const name = Object.hasOwn(SLOT_NAMES, kind) ? t(SLOT_NAMES[kind]!) : kind;
      return count > 1 ? `${count}× ${name}` : name;
    });
  return parts.length > 0 ? parts.join(', ') : t('frameNoSlots');
}
