// The agency hub's line: each state the core decides, said as it is, never worked out again here.

import { describe, expect, it } from 'vitest';
import type { HubStatus } from './bindings/HubStatus';
import { hubLine, lexiconRefusal, lexiconVersionLine } from './hub';
import { translate, type Lang, type MessageKey, type Params } from './i18n.svelte';

const SINCE = 1_796_634_000_000;
const REASON = 'http://192.168.1.10:47900: error sending request: Connection refused';

function status(overrides: Partial<HubStatus> = {}): HubStatus {
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

/** The line in `lang`, with times written as a stand-in so the test needs no time zone. */
function line(hub: HubStatus | null, lang: Lang = 'id') {
  const t = (key: MessageKey, params?: Params) => translate(lang, key, params);
  return hubLine(hub, t, (unixMs) => (unixMs === SINCE ? '19.05' : `?${unixMs}`));
}

describe('the hub line', () => {
  it('says nothing while no hub is set, or before the core said anything', () => {
    expect(line(status({ state: 'off' }))).toBeNull();
    expect(line(null)).toBeNull();
  });

  it('says it is connecting', () => {
    expect(line(status({ state: 'connecting', behind: 12 }))).toEqual({
      state: 'connecting',
      text: 'Menghubungkan ke hub…',
      tone: 'info',
      title: null,
    });
    expect(line(status({ state: 'connecting' }), 'en')?.text).toBe('Connecting to the hub…');
  });

  it('says connected, or how many events are still to send, grouped per language', () => {
    expect(line(status())).toEqual({
      state: 'connected',
      text: 'Hub: terhubung',
      tone: 'info',
      title: null,
    });
    expect(line(status(), 'en')?.text).toBe('Hub: connected');
    expect(line(status({ behind: 1840 }))?.text).toBe('Hub: mengirim, 1.840 tertunda');
    expect(line(status({ behind: 1840 }), 'en')?.text).toBe('Hub: sending, 1,840 to go');
  });

  it('warns while out of reach, since when and how much waits, the reason on hover', () => {
    const hub = status({ state: 'unreachable', behind: 1840, problem: REASON, since: SINCE });
    expect(line(hub)).toEqual({
      state: 'unreachable',
      text: 'Hub tak terjangkau sejak 19.05 — 1.840 peristiwa menunggu, tidak ada yang hilang',
      tone: 'warn',
      title: REASON,
    });
    expect(line(hub, 'en')?.text).toBe(
      'Hub out of reach since 19.05 — 1,840 events waiting, nothing lost',
    );
    expect(line({ ...hub, since: null })?.text).toBe(
      'Hub tak terjangkau — 1.840 peristiwa menunggu, tidak ada yang hilang',
    );
  });

  it('says why the hub refused, as the core wrote it', () => {
    const problem = 'wrong token <img src=x onerror=alert(1)> {n}';
    const hub = status({ state: 'refused', behind: 3, problem, since: SINCE });
    expect(line(hub)).toEqual({
      state: 'refused',
      text: `Hub menolak: ${problem} — 3 peristiwa menunggu, tidak ada yang hilang`,
      tone: 'error',
      title: problem,
    });
    expect(line(hub, 'en')?.text).toBe(`Hub refused: ${problem} — 3 events waiting, nothing lost`);
    expect(line({ ...hub, problem: null })?.text).toBe(
      'Hub menolak: tanpa alasan — 3 peristiwa menunggu, tidak ada yang hilang',
    );
  });
});

describe('the agency lexicon', () => {
  const t = (lang: Lang) => (key: MessageKey, params?: Params) => translate(lang, key, params);
  const PROBLEM = "v2: the agency's lexicon v2:1:8: <img src=x onerror=alert(1)> {n}";

  it('says nothing while the core reports no refusal, or has not said anything', () => {
    expect(lexiconRefusal(null, t('id'))).toBeNull();
    expect(lexiconRefusal(status(), t('id'))).toBeNull();
    expect(lexiconRefusal(status({ lexicon_version: 3 }), t('id'))).toBeNull();
  });

  it('says the newest lexicon was refused and the previous one stays, the core’s reason on hover', () => {
    const hub = status({ lexicon_version: 1, lexicon_problem: PROBLEM });
    expect(lexiconRefusal(hub, t('id'))).toEqual({
      text: 'Leksikon agensi terbaru ditolak; yang lama tetap dipakai',
      title: PROBLEM,
    });
    expect(lexiconRefusal(hub, t('en'))).toEqual({
      text: "The agency's newest lexicon was refused; the previous one stays in force",
      title: PROBLEM,
    });
  });

  it('says a refusal whatever the hub’s own state, as the core reported it', () => {
    for (const state of ['connecting', 'unreachable', 'refused'] as const) {
      expect(lexiconRefusal(status({ state, lexicon_problem: PROBLEM }), t('en'))?.title).toBe(
        PROBLEM,
      );
    }
  });

  it('says which version is in force, none while none was taken, without grouping', () => {
    expect(lexiconVersionLine(null, t('id'))).toBeNull();
    expect(lexiconVersionLine(status(), t('id'))).toBeNull();
    expect(lexiconVersionLine(status({ lexicon_version: 3 }), t('id'))).toBe(
      'Leksikon agensi: versi 3',
    );
    expect(lexiconVersionLine(status({ lexicon_version: 3 }), t('en'))).toBe(
      'Agency lexicon: version 3',
    );
    expect(lexiconVersionLine(status({ lexicon_version: 1204 }), t('id'))).toBe(
      'Leksikon agensi: versi 1204',
    );
  });
});
