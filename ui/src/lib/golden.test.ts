// The golden table (tests/golden.rs writes ui/src/lib/golden/): messages made by the core's own
// code, read here the way every front end reads them. A decision the core changes, or a front end
// that reads one differently, fails here rather than on a live.

import { describe, expect, it } from 'vitest';
import type { LiveEvent } from './bindings/LiveEvent';
import type { Outbound } from './bindings/Outbound';
import { bannerFor, nextBanner } from './banner';
import { ClockStore } from './clock.svelte';
import { FeedStore } from './feed.svelte';
import { FeedbackStore } from './feedback.svelte';
import { FrameStore } from './frame.svelte';
import { draftFromRequest, requestFromDraft } from './drops';
import durations from './golden/durations.json';
import outbound from './golden/outbound.json';
import { parseClock } from './time';
import { slotPhaseAt, urgencyAt } from './urgency';

const table = outbound as unknown as { name: string; message: Outbound }[];

function messagesOf<T extends Outbound['type']>(type: T): Extract<Outbound, { type: T }>[] {
  return table
    .map(({ message }) => message)
    .filter((message): message is Extract<Outbound, { type: T }> => message.type === type);
}

const events: LiveEvent[] = messagesOf('events').flatMap((message) => message.events);
const commentOf = (id: string) => {
  const event = events.find((candidate) => candidate.id === id);
  if (event?.type !== 'comment') throw new Error(`no comment ${id} in the golden table`);
  return event;
};

/** Every kind of message: a `Record` over the core's type, so a new variant fails the check here. */
const EVERY_KIND: Record<Outbound['type'], true> = {
  events: true,
  session: true,
  clock: true,
  alert: true,
  question: true,
  feedback: true,
  script: true,
  frame: true,
  pinned: true,
  hub: true,
};

describe('the golden table', () => {
  it('holds every kind of message', () => {
    const kinds = new Set(table.map(({ message }) => message.type));
    expect([...kinds].sort()).toEqual(Object.keys(EVERY_KIND).sort());
  });

  it('is taken by the window’s stores as the window takes the live stream', () => {
    const [feed, clock, feedback, frame] = [
      new FeedStore(),
      new ClockStore(),
      new FeedbackStore(),
      new FrameStore(),
    ];
    for (const { name, message } of table) {
      for (const store of [feed, clock, feedback, frame]) {
        expect(() => store.apply(message), name).not.toThrow();
      }
    }
    expect(feed.state?.source).toBe('none');
    const hubs = messagesOf('hub');
    expect(hubs.length).toBeGreaterThan(0);
    expect(feed.hub).toEqual(hubs.at(-1)!.hub);
    expect(feed.hub?.state).toBe('off');
    expect(clock.state?.run_sheet.phase).not.toBeNull();
    expect(feedback.tagOf('golden-clean')?.kind).toBe('question');
    expect(feedback.next).toBeNull();
    expect(frame.frame?.safe_zones.bottom).toBeGreaterThan(0);
  });
});

describe('UTF-16 spans sliced in JavaScript', () => {
  it('give back exactly what the viewer typed, emoji before it or not', () => {
    const flagged = events.flatMap((event) =>
      event.type === 'comment' ? event.flags.map((flag) => ({ text: event.text, flag })) : [],
    );
    const textFlags = flagged.filter(({ flag }) => flag.target === 'text');
    expect(textFlags.some(({ flag }) => flag.start_utf16 !== flag.start)).toBe(true);
    for (const { text, flag } of textFlags) {
      expect(text.slice(flag.start_utf16, flag.end_utf16)).toBe(flag.matched);
    }
  });

  it('do so in the host script too', () => {
    for (const { report } of messagesOf('script')) {
      expect(report.hits.length).toBeGreaterThan(0);
      for (const hit of report.hits) {
        expect(report.text.slice(hit.start_utf16, hit.end_utf16)).toBe(hit.matched);
      }
    }
  });
});

describe('the banner the core decided', () => {
  it('is raised by the comments the core marked, and by no other', () => {
    for (const event of events) {
      const banner = bannerFor(event, 0);
      const decided = event.type === 'comment' ? (event.banner ?? null) : null;
      expect(banner === null, event.id).toBe(decided === null);
      if (banner !== null && decided !== null) {
        expect(banner.kind).toBe(decided.kind);
        expect(banner.category).toBe(decided.category);
        expect(banner.expiresAt).toBe(decided.duration_ms);
      }
    }
  });

  it('keeps a scam warning up over a later ordinary warning, until it expires', () => {
    const scam = commentOf('golden-impersonation');
    const ordinary = commentOf('golden-emoji');
    const shown = nextBanner(null, [scam, ordinary], 1_000);
    expect(shown?.kind).toBe('impersonation');
    expect(nextBanner(shown, [ordinary], 2_000)).toBe(shown);
    const later = 1_000 + (scam.banner?.duration_ms ?? 0);
    expect(nextBanner(shown, [ordinary], later)?.event.id).toBe('golden-emoji');
  });
});

describe('countdowns between two clock messages', () => {
  it('show the urgency and phase the core decided at the time it sent', () => {
    const clocks = messagesOf('clock').map((message) => message.clock);
    expect(clocks.length).toBeGreaterThan(3);
    for (const clock of clocks) {
      for (const sale of clock.flash_sales) {
        expect(urgencyAt(sale, sale.remaining_ms), sale.id).toBe(sale.urgency);
      }
      const sheet = clock.run_sheet;
      expect(slotPhaseAt(sheet, sheet.slot_remaining_ms)).toBe(sheet.phase);
    }
  });

  it('reach the final call and the heads-up by the marks the settings gave', () => {
    const phases = new Set(messagesOf('clock').map(({ clock }) => clock.run_sheet.phase));
    expect(phases).toEqual(new Set(['on_time', 'heads_up', 'over']));
    const urgencies = new Set(
      messagesOf('clock').flatMap(({ clock }) => clock.flash_sales.map((sale) => sale.urgency)),
    );
    expect(urgencies).toEqual(new Set(['normal', 'ending', 'final']));
    const [sale] = messagesOf('clock')[0].clock.flash_sales.filter((s) => s.urgency === 'ending');
    expect(urgencyAt(sale, sale.final_ms)).toBe('final');
    expect(urgencyAt(sale, sale.final_ms + 1)).toBe('ending');
  });
});

describe('the drop form', () => {
  it('starts from the drop the core says the slot plans', () => {
    const sheet = messagesOf('clock')[0].clock.run_sheet;
    expect(sheet.drop_request).not.toBeNull();
    const draft = draftFromRequest(sheet.drop_request, 300);
    expect(requestFromDraft(draft)).toEqual({ request: sheet.drop_request });
  });
});

describe('durations typed into a form', () => {
  it('are read as the run sheet CSV reads them', () => {
    for (const [text, seconds] of durations as [string, number | null][]) {
      expect(parseClock(text), JSON.stringify(text)).toBe(seconds);
    }
  });
});
