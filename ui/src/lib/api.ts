// Every call into the Rust core goes through here, so the command and argument names live in
// one place. Tauri converts camelCase argument keys to the Rust snake_case parameter names.

import { Channel, invoke } from '@tauri-apps/api/core';
import type { AppInfo } from './bindings/AppInfo';
import type { FeedUpdate } from './bindings/FeedUpdate';
import type { Flag } from './bindings/Flag';
import type { LexiconDocument } from './bindings/LexiconDocument';
import type { LexiconError } from './bindings/LexiconError';
import type { LexiconSummary } from './bindings/LexiconSummary';
import type { MutedUser } from './bindings/MutedUser';
import type { ScriptReport } from './bindings/ScriptReport';
import type { SessionState } from './bindings/SessionState';

export type { AppInfo, LexiconDocument, LexiconError, LexiconSummary, MutedUser, ScriptReport };

/** The picker's entries: specs as they are, and `tiktok`, which asks for the host's handle. The
 * core also takes e.g. `demo:RATE` and several sources joined by ` + ` (under "Other…"). */
export const SOURCE_SPECS = ['demo', 'tiktok', 'tikfinity', 'none'] as const;

/** False in a plain browser (e.g. `npm run dev` opened directly), where no core answers. */
export function isInTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

// Held for the app's lifetime: the core keeps sending into it until the window closes.
let feedChannel: Channel<FeedUpdate> | null = null;

/**
 * Opens the feed: `onUpdate` gets every batch (~every 30 ms). Resolves to the session state at
 * the moment of subscribing, or null when the core could not start (see `AppInfo.startup_error`).
 * Call once at start-up.
 */
export async function subscribeFeed(
  onUpdate: (update: FeedUpdate) => void,
): Promise<SessionState | null> {
  const channel = new Channel<FeedUpdate>();
  channel.onmessage = onUpdate;
  feedChannel = channel;
  return invoke<SessionState | null>('subscribe_feed', { onUpdate: feedChannel });
}

/** Starts a new live session on `spec` (ending the current one); resolves to its session id. */
export function startSource(spec: string): Promise<number> {
  return invoke<number>('start_source', { spec });
}

/** Drops the source's connection and connects again now, in the same session. */
export function reconnectSource(): Promise<boolean> {
  return invoke<boolean>('reconnect_source');
}

/** Ends the current session. */
export function stopSource(): Promise<void> {
  return invoke<void>('stop_source');
}

export function appInfo(): Promise<AppInfo> {
  return invoke<AppInfo>('app_info');
}

// Lexicon: these reject with a `LexiconError` (see `isLexiconError` in lexicon.ts).

/** The lexicon in force, where it is saved, and the shipped default. */
export function lexiconGet(): Promise<LexiconDocument> {
  return invoke<LexiconDocument>('lexicon_get');
}

/** Checks and saves `text`; it applies to the running live from the next comment. */
export function lexiconSave(text: string): Promise<LexiconSummary> {
  return invoke<LexiconSummary>('lexicon_save', { text });
}

/** What the unsaved lexicon `text` flags in `sentence`. */
export function lexiconTest(text: string, sentence: string): Promise<Flag[]> {
  return invoke<Flag[]>('lexicon_test', { text, sentence });
}

/** `[[term]]` TOML for `words` (one per line), to append to the draft. */
export function lexiconImport(
  words: string,
  category: string,
  suggest: string | null,
): Promise<string> {
  return invoke<string>('lexicon_import', { words, category, suggest });
}

/** Checks a host's script against the lexicon in force. */
export function scriptCheck(script: string): Promise<ScriptReport> {
  return invoke<ScriptReport>('script_check', { script });
}

// Mute list: the core flags the author's comments `muted` from their next comment on.

export function muteUser(uniqueId: string, nickname: string): Promise<void> {
  return invoke<void>('mute_user', { uniqueId, nickname });
}

/** Resolves to whether the user was on the list. */
export function unmuteUser(uniqueId: string): Promise<boolean> {
  return invoke<boolean>('unmute_user', { uniqueId });
}

export function mutedUsers(): Promise<MutedUser[]> {
  return invoke<MutedUser[]>('muted_users');
}

/** The core rejects with a plain-words string; anything else is turned into one. */
export function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
