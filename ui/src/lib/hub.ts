// The agency hub's line, in the status bar and under Pengaturan → Agensi. The core decides where
// this desktop stands with the hub (its `state`); this only puts that state, the count still to
// send, since when and why into words. The shop's name and the core's reason are text. Likewise
// the agency's lexicon: the version in force here, and why its newest was refused, as the core said.

import type { HubStatus } from './bindings/HubStatus';
import type { MessageKey, Params } from './i18n.svelte';

/** How loud the line is: an ordinary figure, a warning (nothing lost yet), or an error. */
export type HubTone = 'info' | 'warn' | 'error';

export type HubLine = {
  state: HubStatus['state'];
  text: string;
  tone: HubTone;
  /** The core's own words on why, for the hover; null when it gave none. */
  title: string | null;
};

/**
 * What to say about `status`; null while no hub is set (or the core has not said yet), when
 * nothing is shown. Numbers go to `t` as numbers, so they get the language's grouping; `time`
 * writes `since` (Unix ms) as a time of day.
 */
export function hubLine(
  status: HubStatus | null,
  t: (key: MessageKey, params?: Params) => string,
  time: (unixMs: number) => string,
): HubLine | null {
  if (status === null) return null;
  const { state, behind: n, problem, since } = status;
  switch (state) {
    case 'off':
      return null;
    case 'connecting':
      return { state, text: t('hubConnecting'), tone: 'info', title: null };
    case 'connected':
      return {
        state,
        text: n > 0 ? t('hubSending', { n }) : t('hubConnected'),
        tone: 'info',
        title: null,
      };
    case 'unreachable':
      return {
        state,
        text:
          since === null
            ? t('hubUnreachableNoTime', { n })
            : t('hubUnreachable', { time: time(since), n }),
        tone: 'warn',
        title: problem,
      };
    case 'refused':
      return {
        state,
        text: t('hubRefused', { problem: problem ?? t('hubNoReason'), n }),
        tone: 'error',
        title: problem,
      };
  }
}

/** The agency's newest lexicon was refused here: what to say, and the core's reason for the hover. */
export type LexiconRefusal = { text: string; title: string };

/**
 * What to say when the core refused the agency hub's newest lexicon (the last good one stays in
 * force); null when it did not, or has not said yet. The core's reason is text, for the hover.
 */
export function lexiconRefusal(
  status: HubStatus | null,
  t: (key: MessageKey, params?: Params) => string,
): LexiconRefusal | null {
  const problem = status?.lexicon_problem ?? null;
  if (problem === null) return null;
  return { text: t('hubLexiconRefused'), title: problem };
}

/**
 * Which version of the agency's lexicon is in force here, as the core said; null while none was
 * taken. A version is a name, not an amount, so it is written without grouping.
 */
export function lexiconVersionLine(
  status: HubStatus | null,
  t: (key: MessageKey, params?: Params) => string,
): string | null {
  const version = status?.lexicon_version ?? null;
  if (version === null) return null;
  return t('agencyLexiconVersion', { n: String(version) });
}
