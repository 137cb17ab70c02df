// Builders for test events; only tests import this file.

import { emptyFacts } from './runsheet';
import type { AgencyReport } from './bindings/AgencyReport';
import type { AgencyTotals } from './bindings/AgencyTotals';
import type { AppInfo } from './bindings/AppInfo';
import type { HubStatus } from './bindings/HubStatus';
import type { Category } from './bindings/Category';
import type { ClockState } from './bindings/ClockState';
import type { FeedbackEntry } from './bindings/FeedbackEntry';
import type { Flag } from './bindings/Flag';
import type { Preferences } from './bindings/Preferences';
import type { FlashSale } from './bindings/FlashSale';
import type { FrameSafeZones } from './bindings/FrameSafeZones';
import type { Severity } from './bindings/Severity';
import type { LiveEvent } from './bindings/LiveEvent';
import type { RulePack } from './bindings/RulePack';
import type { RunSheetState } from './bindings/RunSheetState';
import type { SessionState } from './bindings/SessionState';
import type { Slot } from './bindings/Slot';
import type { User } from './bindings/User';
import type { Why } from './bindings/Why';
import { categoryKey } from './moderation';
import { slotPhaseAt, urgencyAt } from './urgency';

let counter = 0;

/** The core's default `[frame.safe_zones]`, as a frame view, document or preview carries them. */
export const SAFE_ZONES: FrameSafeZones = {
  top: 250,
  right: 170,
  bottom: 420,
  comments_width: 720,
  comments_top: 1150,
};

export function user(overrides: Partial<User> = {}): User {
  return {
    id: '7001',
    unique_id: 'sari.shop',
    nickname: 'Sari',
    avatar_url: null,
    is_moderator: false,
    follow_role: 'none',
    ...overrides,
  };
}

function base(): { id: string; ts: number; source: string } {
  counter += 1;
  return { id: `m${counter}`, ts: 1_700_000_000_000 + counter, source: 'demo' };
}

const SEVERITY_RANK: Record<Severity, number> = {
  none: 0,
  low: 1,
  medium: 2,
  high: 3,
  critical: 4,
};

/**
 * A comment as the core sends it: shown by its most severe finding (`finding`; the core also
 * orders the findings of one severity, which tests here do not lean on).
 */
export function comment(text: string, flags: Flag[] = [], who: User = user()): LiveEvent {
  const found = flags
    .filter((flag) => flag.severity !== 'none')
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity])[0];
  const finding = found === undefined ? {} : { finding: found.category };
  return { ...base(), type: 'comment', user: who, text, flags, ...finding };
}

/**
 * `event` as the core marks a comment that raises a banner (src/event.rs `Banner::for_flags`
 * decides which do): a `flagged` one of `category`, or `impersonation`, which outranks it.
 */
export function withBanner(event: LiveEvent, category: Category, why?: Why): LiveEvent {
  if (event.type !== 'comment') throw new Error('only comments raise banners');
  const impersonation = category === 'impersonation';
  const kind = impersonation ? 'impersonation' : 'flagged';
  return {
    ...event,
    banner: { kind, category, duration_ms: 8000, priority: impersonation ? 1 : 0, why },
  };
}

/** The severity the core gives each category (src/event.rs, `Category::severity`). */
export function severityOf(category: Category): Severity {
  if (typeof category !== 'string') return 'medium';
  switch (category) {
    case 'impersonation':
      return 'critical';
    case 'profanity':
    case 'offplatform':
    case 'competitor':
    case 'gambling':
    case 'claim':
      return 'high';
    case 'spam':
      return 'low';
    case 'muted':
      return 'none';
    case 'provocation':
      return 'medium';
  }
}

type FlagFields = Omit<Flag, 'severity' | 'target' | 'start_utf16' | 'end_utf16'> & Partial<Flag>;

/**
 * A flag as the core sends it; `severity` and `target` follow from the category and span, and
 * the UTF-16 span is the UTF-8 one unless given (ASCII text).
 */
export function flag(fields: FlagFields): Flag {
  const spanless = fields.start === fields.end && fields.matched === '';
  return {
    severity: severityOf(fields.category),
    target: spanless ? 'author' : 'text',
    start_utf16: fields.start,
    end_utf16: fields.end,
    ...fields,
  };
}

/** A word hit on the first occurrence of `matched` in `text` (byte offsets, as the core sends). */
export function wordFlag(
  text: string,
  matched: string,
  category: Category,
  suggest: string | null = null,
): Flag {
  const encoder = new TextEncoder();
  const at = text.indexOf(matched);
  if (at < 0) throw new Error(`${matched} is not in ${text}`);
  const start = encoder.encode(text.slice(0, at)).length;
  return flag({
    term: matched.toLowerCase(),
    category,
    start,
    end: start + encoder.encode(matched).length,
    start_utf16: at,
    end_utf16: at + matched.length,
    matched,
    suggest,
  });
}

/** A flag about the author rather than the text (flood, impersonation, muted, ...). */
export function authorFlag(category: Category, term = categoryKey(category)): Flag {
  const imitates = category === 'impersonation' ? { imitates: term.replace(/^@+/, '') } : {};
  return flag({ term, category, start: 0, end: 0, matched: '', suggest: null, ...imitates });
}

/** A rule pack's why, as the core sends it with a flag: `tiktok-shop`'s rule on sending buyers away. */
export function why(overrides: Partial<Why> = {}): Why {
  return {
    pack: 'tiktok-shop',
    policy: 'sending-buyers-away',
    rule: {
      id: 'Jangan arahkan pembeli ke toko atau aplikasi lain.',
      en: 'Do not send buyers to another shop or app.',
    },
    source: 'TikTok Shop Seller University: LIVE Rules',
    url: 'https://seller-id.tiktok.com/university',
    read: '2026-12-07',
    points: null,
    ...overrides,
  };
}

/** A shipped rule pack as `rule_packs` lists it. */
export function rulePack(overrides: Partial<RulePack> = {}): RulePack {
  return {
    id: 'tiktok-shop',
    version: '2026.12.07',
    name: { id: 'Aturan TikTok Shop', en: 'TikTok Shop rules' },
    about: {
      id: 'Mengarahkan pembeli ke luar TikTok, kontak dan pembayaran di luar platform.',
      en: 'Sending buyers away from TikTok, off-platform contact and payment.',
    },
    on_by_default: true,
    enabled: true,
    applies_to: ['comments', 'script'],
    terms: 42,
    patterns: 5,
    sources: [
      {
        id: 'tts-live-rules',
        title: 'TikTok Shop Seller University: LIVE Rules',
        url: 'https://seller-id.tiktok.com/university',
        read: '2026-12-07',
      },
    ],
    ...overrides,
  };
}

export function gift(count = 1, diamonds = 1): LiveEvent {
  return { ...base(), type: 'gift', user: user(), gift_name: 'Rose', count, diamonds };
}

export function like(count: number): LiveEvent {
  return { ...base(), type: 'like', user: user(), count };
}

export const join = (): LiveEvent => ({ ...base(), type: 'join', user: user() });
export const follow = (): LiveEvent => ({ ...base(), type: 'follow', user: user() });
export const share = (): LiveEvent => ({ ...base(), type: 'share', user: user() });
export const viewers = (count: number): LiveEvent => ({ ...base(), type: 'viewer_count', count });
export const streamEnd = (reason: string | null): LiveEvent => ({
  ...base(),
  type: 'stream_end',
  reason,
});

/**
 * The archive's health fields (`archive_waiting`, `archive_dropped`, `archive_problem`), all
 * well. Spread rather than written inline so the fixture fits the bindings both before and
 * after the core starts sending them.
 */
const ARCHIVE_HEALTHY = { archive_waiting: 0, archive_dropped: 0, archive_problem: null };

export function session(overrides: Partial<SessionState> = {}): SessionState {
  return {
    ...ARCHIVE_HEALTHY,
    session_id: 1,
    source: 'demo',
    source_state: 'live',
    source_detail: null,
    sources: [{ source: 'demo', state: 'live', detail: null, note: null }],
    comments: 0,
    comments_per_minute: 0,
    viewer_count: null,
    joins: 0,
    likes: 0,
    gifts: 0,
    diamonds: 0,
    archived: 0,
    archive_error: null,
    latency_p99_us: 0,
    dropped_input: 0,
    last_dropped: null,
    duplicates: 0,
    gaps: [],
    switch: null,
    ...overrides,
  };
}

/** Tags out, entities decoded: the text a reader would see. */
export function visibleText(html: string): string {
  return (
    html
      .replace(/<!--[\s\S]*?-->/g, '')
      // A tag ends at the first `>` outside quotes: a tooltip may hold a viewer's `>`.
      .replace(/<(?:[^>"]|"[^"]*")*>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** The visible text inside the element marked `testid`, up to its first `</closing>`. */
export function textOf(html: string, testid: string, closing: string): string {
  // The tag ends at the first `>` outside quotes: a title may hold a product's `>`.
  const tag = `data-testid="${testid}"(?:[^>"]|"[^"]*")*>`;
  const match = html.match(new RegExp(`${tag}([\\s\\S]*?)</${closing}>`));
  if (!match) throw new Error(`no ${testid} in ${html}`);
  return visibleText(match[1]!);
}

/** A drop as the core sends it under the default settings; its urgency follows its time left. */
export function flashSale(overrides: Partial<FlashSale> = {}): FlashSale {
  const sale: FlashSale = {
    id: 'fs-1a2b3c4d',
    product: 'Serum Novilla 30 ml',
    price: 'Rp99.000',
    stock: 20,
    window_seconds: 300,
    starts_at: '2025-05-25T12:00:00.000Z',
    deadline: '2025-05-25T12:05:00.000Z',
    ended_at: null,
    state: 'running',
    end_reason: null,
    remaining_ms: 252_000,
    urgency: 'normal',
    ending_ms: 60_000,
    final_ms: 30_000,
    ...overrides,
  };
  return { ...sale, urgency: overrides.urgency ?? urgencyAt(sale, sale.remaining_ms) };
}

export function slot(overrides: Partial<Slot> = {}): Slot {
  return {
    product: 'Serum Novilla 30 ml',
    price: 'Rp149.000',
    seconds: 900,
    talking_points: 'tekstur ringan\ncocok untuk kulit berminyak',
    drop: null,
    template: null,
    facts: emptyFacts(),
    tiktok_product_id: null,
    ...overrides,
  };
}

/** The run sheet as the core sends it under the default settings; its phase follows its time. */
export function runSheetState(overrides: Partial<RunSheetState> = {}): RunSheetState {
  const sheet: RunSheetState = {
    name: 'Payday',
    slot: null,
    slots: [slot(), slot({ product: 'Toner Avenco', price: 'Rp89.000' })],
    slot_remaining_ms: null,
    slot_seconds: null,
    paused: false,
    phase: 'on_time',
    heads_up_ms: 60_000,
    drop_request: null,
    pinned: null,
    ...overrides,
  };
  return { ...sheet, phase: overrides.phase ?? slotPhaseAt(sheet, sheet.slot_remaining_ms) };
}

export function clockState(overrides: Partial<ClockState> = {}): ClockState {
  return {
    now: '2025-05-25T12:00:48.000Z',
    flash_sales: [],
    run_sheet: runSheetState({ name: '', slots: [] }),
    ...overrides,
  };
}

export function feedbackEntry(overrides: Partial<FeedbackEntry> = {}): FeedbackEntry {
  return {
    id: 1,
    session: 7,
    comment_id: 'm1',
    comment_ts: 1_700_000_000_000,
    unique_id: 'sari.shop',
    nickname: 'Sari',
    text: 'ready kak?',
    kind: 'question',
    product: 'Serum',
    note: '',
    created_at: 1_700_000_001_000,
    answered_at: null,
    answer: null,
    missing: [],
    ...overrides,
  };
}

export function appInfo(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    version: '0.1.0',
    server_url: 'http://127.0.0.1:7878',
    server_error: null,
    token: 't',
    archive_path: '/home/sari/.local/share/pandu/pandu.db',
    source: 'demo',
    startup_error: null,
    backup_problem: null,
    lexicon_problem: null,
    sessionid_problem: null,
    ...overrides,
  };
}

/** The settings as the core ships them. */
export function preferences(): Preferences {
  return {
    flash_sale_seconds: 300,
    ending_seconds: 60,
    warn_at: [60, 30],
    sound: true,
    lan: false,
    hotkeys: {
      drop: 'CmdOrCtrl+Shift+D',
      next_slot: 'CmdOrCtrl+Shift+N',
      pause: 'CmdOrCtrl+Shift+P',
      answered: 'CmdOrCtrl+Shift+J',
    },
  };
}

/** Markup a viewer or a desktop might send: it must stay text wherever it is shown. */
export const XSS = '<img src=x onerror=alert(1)>';

/** The hub's status when it is set and answering. */
export function hubStatus(overrides: Partial<HubStatus> = {}): HubStatus {
  return {
    state: 'connected',
    shop: 'Novilla Official',
    behind: 0,
    problem: null,
    since: null,
    lexicon_version: null,
    lexicon_problem: null,
    ...overrides,
  };
}

/** An agency's figures, all nought. */
export const ZERO_TOTALS: AgencyTotals = {
  lives: 0,
  minutes: 0,
  comments: 0,
  flagged: 0,
  gifts: 0,
  questions: 0,
  complaints: 0,
  requests: 0,
  praise: 0,
  flash_sales: 0,
  lapsed: 0,
};

/** The agency's report for a week: two shops (one named with markup), a host unset. */
export function agencyReport(overrides: Partial<AgencyReport> = {}): AgencyReport {
  return {
    scope: {
      label: '2026-W02',
      from: Date.UTC(2026, 0, 4, 17),
      to: Date.UTC(2026, 0, 11, 17),
      time_zone: 'Asia/Jakarta',
      shop: null,
      host: null,
      product: null,
    },
    generated_at: Date.UTC(2026, 0, 9, 12),
    totals: {
      lives: 12,
      minutes: 1440,
      comments: 23456,
      flagged: 321,
      gifts: 45,
      questions: 210,
      complaints: 12,
      requests: 30,
      praise: 60,
      flash_sales: 9,
      lapsed: 2,
    },
    shops: [
      {
        ...ZERO_TOTALS,
        shop: XSS,
        lives: 8,
        minutes: 960,
        comments: 20000,
        flagged: 300,
        questions: 200,
        complaints: 10,
        flash_sales: 7,
        lapsed: 2,
      },
      {
        ...ZERO_TOTALS,
        shop: 'Toko Dua',
        lives: 4,
        minutes: 480,
        comments: 3456,
        flagged: 21,
        questions: 10,
        complaints: 2,
        flash_sales: 2,
      },
    ],
    hosts: [
      { ...ZERO_TOTALS, name: 'Sari', lives: 7, minutes: 840, comments: 18000 },
      { ...ZERO_TOTALS, name: '', lives: 5, minutes: 600, comments: 5456 },
    ],
    products: [
      {
        ...ZERO_TOTALS,
        name: 'Serum Novilla 30 ml',
        questions: 150,
        complaints: 8,
        requests: 20,
        praise: 40,
        flash_sales: 5,
        lapsed: 1,
      },
    ],
    flagged: [
      { category: 'competitor', comments: 200 },
      { category: 'provocation', comments: 100 },
      { category: XSS, comments: 21 },
    ],
    best_hours: [{ shop: XSS, hour: 19, comments_per_hour: 1234.56, hours: 12 }],
    ...overrides,
  };
}
