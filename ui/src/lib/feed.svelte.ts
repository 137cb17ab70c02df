// The console's feed: what the co-host sees, kept as plain state so it can be tested without a
// DOM. Batches arrive every ~30 ms; the list holds a bounded window so hours of live never grow
// the page without end.

import type { FeedUpdate } from './bindings/FeedUpdate';
import type { LiveEvent } from './bindings/LiveEvent';
import type { SessionState } from './bindings/SessionState';

export type CommentEvent = Extract<LiveEvent, { type: 'comment' }>;
export type ActivityEvent = Extract<LiveEvent, { type: 'gift' | 'follow' | 'share' }>;

/** One line in the list. `seq` is ours and strictly increasing: source ids may repeat across sessions. */
export type FeedRow =
  | { seq: number; kind: 'comment'; event: CommentEvent }
  | { seq: number; kind: 'activity'; event: ActivityEvent };

/** What is counted rather than listed, for the current session. */
export type Totals = { joins: number; likes: number; gifts: number; diamonds: number };

export const DEFAULT_MAX_ROWS = 2000;

const ZERO_TOTALS: Totals = { joins: 0, likes: 0, gifts: 0, diamonds: 0 };

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
  /** The latest session snapshot from the core; null until the first one arrives. */
  state = $state.raw<SessionState | null>(null);
  totals = $state.raw<Totals>(ZERO_TOTALS);
  /** The latest count a `viewer_count` event carried, for sources whose snapshot lags. */
  lastViewerCount = $state<number | null>(null);
  /** Set by a `stream_end` event; cleared when a new session starts. */
  streamEnded = $state<{ reason: string | null } | null>(null);

  /** True while the view sticks to the newest row; false once the user scrolls up to read. */
  following = $state(true);
  /** Rows that arrived while not following, for the "N baru" pill. */
  newCount = $state(0);
  /** Rows pushed out of the window so far; the view uses it to keep a paused reader in place. */
  dropped = $state(0);

  private nextSeq = 0;

  constructor(maxRows: number = DEFAULT_MAX_ROWS) {
    if (!Number.isInteger(maxRows) || maxRows < 1) {
      throw new RangeError(`maxRows must be a positive integer, got ${maxRows}`);
    }
    this.maxRows = maxRows;
  }

  /** A whole update from the core: the state first (it may start a new session), then events. */
  apply(update: FeedUpdate): void {
    this.setState(update.state);
    this.push(update.events);
  }

  setState(next: SessionState): void {
    const previous = this.state;
    if (previous !== null && previous.session_id !== next.session_id) {
      // A new live: its counters start from zero. Rows stay, so the co-host loses nothing on screen.
      this.totals = ZERO_TOTALS;
      this.lastViewerCount = null;
      this.streamEnded = null;
    }
    this.state = next;
  }

  /** Appends one batch in order, keeping only the newest `maxRows` rows. */
  push(events: readonly LiveEvent[]): void {
    if (events.length === 0) return;

    const added: FeedRow[] = [];
    const totals = { ...this.totals };
    for (const event of events) {
      switch (event.type) {
        case 'comment':
          added.push({ seq: this.nextSeq++, kind: 'comment', event });
          break;
        case 'gift':
          totals.gifts += event.count;
          totals.diamonds += event.count * event.diamonds;
          added.push({ seq: this.nextSeq++, kind: 'activity', event });
          break;
        case 'follow':
        case 'share':
          added.push({ seq: this.nextSeq++, kind: 'activity', event });
          break;
        case 'join':
          totals.joins += 1;
          break;
        case 'like':
          totals.likes += event.count;
          break;
        case 'viewer_count':
          this.lastViewerCount = event.count;
          break;
        case 'stream_end':
          this.streamEnded = { reason: event.reason };
          break;
      }
    }
    this.totals = totals;
    if (added.length === 0) return;

    const combined = this.rows.concat(added);
    const overflow = combined.length - this.maxRows;
    this.rows = overflow > 0 ? combined.slice(overflow) : combined;
    if (overflow > 0) this.dropped += overflow;
    if (!this.following) this.newCount += added.length;
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
