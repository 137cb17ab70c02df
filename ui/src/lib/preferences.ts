// The settings form: preferences as the co-host types them, and back. Times as M:SS or
// seconds, the warning marks as a list ("60, 30").

import type { Preferences } from './bindings/Preferences';
import type { MessageKey } from './i18n.svelte';
import { formatSeconds, parseClock } from './time';

export type PreferencesDraft = {
  window: string;
  ending: string;
  warnAt: string;
  sound: boolean;
  lan: boolean;
  hotkeyDrop: string;
  hotkeyNext: string;
  hotkeyPause: string;
  hotkeyAnswered: string;
};

export type HotkeyField = 'hotkeyDrop' | 'hotkeyNext' | 'hotkeyPause' | 'hotkeyAnswered';

/** The global hotkeys as the form lists them: the draft's field (also its label's key) and the
 * input's test id. */
export const HOTKEY_FIELDS: readonly { field: HotkeyField; testid: string }[] = [
  { field: 'hotkeyDrop', testid: 'pref-hotkey-drop' },
  { field: 'hotkeyNext', testid: 'pref-hotkey-next' },
  { field: 'hotkeyPause', testid: 'pref-hotkey-pause' },
  { field: 'hotkeyAnswered', testid: 'pref-hotkey-answered' },
];

export function draftFromPreferences(preferences: Preferences): PreferencesDraft {
  return {
    window: formatSeconds(preferences.flash_sale_seconds),
    ending: String(preferences.ending_seconds),
    warnAt: preferences.warn_at.join(', '),
    sound: preferences.sound,
    lan: preferences.lan,
    hotkeyDrop: preferences.hotkeys.drop,
    hotkeyNext: preferences.hotkeys.next_slot,
    hotkeyPause: preferences.hotkeys.pause,
    hotkeyAnswered: preferences.hotkeys.answered,
  };
}

export type PreferencesField = 'window' | 'ending' | 'warnAt';

function seconds(text: string): number | null {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) && value > 0 ? value : null;
}

/** Warning marks, latest first and once each: "30, 60, 60" → [60, 30]; null if one is not a count. */
export function parseMarks(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter((part) => part !== '');
  const marks = parts.map(seconds);
  if (marks.some((mark) => mark === null)) return null;
  return [...new Set(marks as number[])].sort((a, b) => b - a);
}

/**
 * The preferences to save (fields this form does not show kept from `previous`), or the
 * first field that cannot be read.
 */
export function preferencesFromDraft(
  draft: PreferencesDraft,
  previous: Preferences,
): { preferences: Preferences } | { problem: { field: PreferencesField; message: MessageKey } } {
  const window = parseClock(draft.window);
  if (window === null) return { problem: { field: 'window', message: 'timeInvalid' } };
  const ending = seconds(draft.ending);
  if (ending === null) return { problem: { field: 'ending', message: 'secondsInvalid' } };
  const warnAt = parseMarks(draft.warnAt);
  if (warnAt === null) return { problem: { field: 'warnAt', message: 'marksInvalid' } };
  return {
    preferences: {
      ...previous,
      flash_sale_seconds: window,
      ending_seconds: ending,
      warn_at: warnAt,
      sound: draft.sound,
      lan: draft.lan,
      hotkeys: {
        ...previous.hotkeys,
        drop: draft.hotkeyDrop.trim(),
        next_slot: draft.hotkeyNext.trim(),
        pause: draft.hotkeyPause.trim(),
        answered: draft.hotkeyAnswered.trim(),
      },
    },
  };
}
