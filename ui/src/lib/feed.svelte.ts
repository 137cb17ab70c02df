// The console's feed: what the co-host sees, kept as plain state so it can be tested without a
// DOM. Batches arrive every ~30 ms; the list holds a bounded window so hours of live never grow
// the page without end.

import type { Gap } from './bindings/Gap';
import type { HubStatus } from './bindings/HubStatus';
import type { Outbound } from './bindings/Outbound';
import type { LiveEvent } from './bindings/LiveEvent';
import type { SessionState } from './bindings/SessionState';
import type { MessageKey, Params } from './i18n.svelte';
import { isMutedFlags } from './moderation';
import { formatTimeOfDay } from './text';
import { formatSeconds } from './time';

export type CommentEvent = Extract<LiveEvent, { type: 'comment' }>;
export type ActivityEvent = Extract<LiveEvent, { type: 'gift' | 'follow' | 'share' }>;

/**
 * One line in the list. `seq` is ours, unique and increasing in the order rows are made: source
 * ids may repeat across sessions. A comment's `flagged` (a finding besides "muted") and `muted`
 * (the author is on the mute list) are worked out once on arrival, not on every render or
 * filter pass. A `gap` row is where no source was delivering (the core decides; its state's
 * `gaps`): comments of that time may be missing.
 */
export type FeedRow =
  | { seq: number; kind: 'comment'; event: CommentEvent; flagged: boolean; muted: boolean }
  | { seq: number; kind: 'activity'; event: ActivityEvent }
  | { seq: number; kind: 'gap'; gap: Gap };

/** Whether `row` stays in the list while "flagged only" is on: flagged comments, and the gaps
 * (flagged comments may be missing there too). */
export function isFlaggedRow(row: FeedRow): boolean {
  return (row.kind === 'comment' && row.flagged) || row.kind === 'gap';
}

/** The instant a row stands for: its event's time, or when its gap began. */
export function rowTime(row: FeedRow): number {
  return row.kind === 'gap' ? row.gap.start : row.event.ts;
}

/** A gap's identity: a session has at most one gap starting at any instant. */
function gapKey(gap: Gap): string {
  return `${gap.session}:${gap.start}`;
}

/** The lower-case key the core uses for a handle on its mute list. */
export function muteKey(uniqueId: string): string {
  return uniqueId.replace(/^@+/, '').toLowerCase();
}

/**
 * A gap's line in the feed: "Terputus 0:42 — …" once closed (its length, as the core measured
 * it), "Terputus sejak 19.05 — …" while open.
 */
export function gapLine(gap: Gap, t: (key: MessageKey, params?: Params) => string): string {
  if (gap.duration_ms === null) return t('gapOpen', { time: formatTimeOfDay(gap.start) });
  return t('gapClosed', { duration: formatSeconds(Math.round(gap.duration_ms / 1000)) });
}

export const DEFAULT_MAX_ROWS = 2000;

/** Which events become rows; the rest only move counters or state. */
export function toRowKind(event: LiveEvent): FeedRow['kind'] | null {
  switch (event.type) {
    case 'comment':
      return 'comment';
    case 'gift':
    case 'follow':
    case 'share':
      return 'activity';
    default:
      return null;
  }
}

export class FeedStore {
  readonly maxRows: number;

  /** Oldest first, newest last; replaced (not mutated) on each batch so views re-render once. */
  rows = $state.raw<FeedRow[]>([]);
  /** Show only flagged comments; the window still holds every row, so switching back loses none. */
  flaggedOnly = $state(false);
  /** The rows the list shows: all of them, or the flagged ones. */
  shownRows = $derived(this.flaggedOnly ? this.rows.filter(isFlaggedRow) : this.rows);
  /** Comments from muted authors this session, shown collapsed; for the status bar. */
  hiddenCount = $state(0);
  /**
   * Authors muted from this window (lower-case handles). The core flags their comments from the
   * next one on; their rows already on screen are greyed out at once through this.
   */
  mutedHere = $state.raw<ReadonlySet<string>>(new Set());

  /** The latest session snapshot from the core; null until the first one arrives. */
  state = $state.raw<SessionState | null>(null);
  /** The latest count a `viewer_count` event carried, for sources whose snapshot lags. */
  lastViewerCount = $state<number | null>(null);
  /** Set by a `stream_end` event; cleared when a new session starts. */
  streamEnded = $state<{ reason: string | null } | null>(null);
  /**
   * Where this desktop stands with the agency hub, as the core last said (it decides the state;
   * the status bar only says it); null until the core's first word on it.
   */
  hub = $state.raw<HubStatus | null>(null);

  /** True while the view sticks to the newest row; false once the user scrolls up to read. */
  following = $state(true);
  /** Shown rows (those passing the filter) that arrived while not following, for the pill. */
  newCount = $state(0);
  /**
   * Shown rows pushed out of the window so far; the view uses it to keep a paused reader in
   * place. Rows the filter hides were never on screen, so their leaving moves nothing.
   */
  dropped = $state(0);

  private nextSeq = 0;

  constructor(maxRows: number = DEFAULT_MAX_ROWS) {
    if (!Number.isInteger(maxRows) || maxRows < 1) {
      throw new RangeError(`maxRows must be a positive integer, got ${maxRows}`);
    }
    this.maxRows = maxRows;
  }

  /** One message of the core's outbound stream. */
  apply(message: Outbound): void {
    switch (message.type) {
      case 'events':
        this.push(message.events);
        break;
      case 'session':
        this.setState(message.state);
        break;
      case 'hub':
        this.hub = message.hub;
        break;
    }
  }

  setState(next: SessionState): void {
    const previous = this.state;
    if (previous !== null && previous.session_id !== next.session_id) {
      // A new live: its counters start from zero. Rows stay, so the co-host loses nothing on screen.
      this.lastViewerCount = null;
      this.streamEnded = null;
      this.hiddenCount = 0;
    }
    this.state = next;
    this.placeGaps(next.gaps);
  }

  /**
   * Puts each gap the state carries in the list where it happened: a new one is a new row (at
   * its time, so a window opened late still shows it in place), a known one is updated when it
   * closes. Rows are replaced, not mutated, so the view re-renders once.
   */
  private placeGaps(gaps: readonly Gap[]): void {
    let rows = this.rows;
    for (const gap of gaps) {
      const at = rows.findIndex((row) => row.kind === 'gap' && gapKey(row.gap) === gapKey(gap));
      if (at >= 0) {
        const known = rows[at]!;
        if (known.kind === 'gap' && known.gap.end === gap.end) continue;
        const updated: FeedRow = { seq: known.seq, kind: 'gap', gap };
        rows = rows.map((row, i) => (i === at ? updated : row));
        continue;
      }
      let index = rows.length;
      while (index > 0 && rowTime(rows[index - 1]!) > gap.start) index -= 1;
      const row: FeedRow = { seq: this.nextSeq++, kind: 'gap', gap };
      rows = [...rows.slice(0, index), row, ...rows.slice(index)];
      if (!this.following) this.newCount += 1;
    }
    if (rows === this.rows) return;
    const overflow = rows.length - this.maxRows;
    if (overflow > 0) {
      this.dropped += this.countShown(rows.slice(0, overflow));
      rows = rows.slice(overflow);
    }
    this.rows = rows;
  }

  /** Appends one batch in order, keeping only the newest `maxRows` rows. */
  push(events: readonly LiveEvent[]): void {
    if (events.length === 0) return;

    const added: FeedRow[] = [];
    let hidden = 0;
    for (const event of events) {
      switch (event.type) {
        case 'comment': {
          const muted = isMutedFlags(event.flags);
          if (muted) hidden += 1;
          const flagged = event.finding !== undefined;
          added.push({ seq: this.nextSeq++, kind: 'comment', event, flagged, muted });
          break;
        }
        case 'gift':
        case 'follow':
        case 'share':
          added.push({ seq: this.nextSeq++, kind: 'activity', event });
          break;
        case 'join':
        case 'like':
          // Counted by the core: the session state's `joins` and `likes`.
          break;
        case 'viewer_count':
          this.lastViewerCount = event.count;
          break;
        case 'stream_end':
          this.streamEnded = { reason: event.reason };
          break;
      }
    }
    if (hidden > 0) this.hiddenCount += hidden;
    if (added.length === 0) return;

    const combined = this.rows.concat(added);
    const overflow = combined.length - this.maxRows;
    this.rows = overflow > 0 ? combined.slice(overflow) : combined;
    if (overflow > 0) this.dropped += this.countShown(combined.slice(0, overflow));
    if (!this.following) this.newCount += this.countShown(added);
  }

  private countShown(rows: readonly FeedRow[]): number {
    return this.flaggedOnly ? rows.filter(isFlaggedRow).length : rows.length;
  }

  /**
   * Switches the filter. The list under the reader changes completely, so a paused position
   * means nothing any more: the view follows the newest rows again.
   */
  setFlaggedOnly(on: boolean): void {
    if (on === this.flaggedOnly) return;
    this.flaggedOnly = on;
    this.jumpToBottom();
  }

  /** Greys out `uniqueId`'s rows at once after the co-host muted them (the core was told). */
  markMuted(uniqueId: string): void {
    const next = new Set(this.mutedHere);
    next.add(muteKey(uniqueId));
    this.mutedHere = next;
  }

  markUnmuted(uniqueId: string): void {
    if (!this.mutedHere.has(muteKey(uniqueId))) return;
    const next = new Set(this.mutedHere);
    next.delete(muteKey(uniqueId));
    this.mutedHere = next;
  }

  /** The view reports whether the user is at the bottom after every scroll. */
  setAtBottom(atBottom: boolean): void {
    if (atBottom) {
      this.following = true;
      this.newCount = 0;
    } else {
      this.following = false;
    }
  }

  /** The pill's action: follow the newest rows again. The view scrolls; this resets the count. */
  jumpToBottom(): void {
    this.following = true;
    this.newCount = 0;
  }

  /** The viewer count to show: the snapshot's when it has one, else the latest event's. */
  get viewerCount(): number | null {
    return this.state?.viewer_count ?? this.lastViewerCount;
  }
}
