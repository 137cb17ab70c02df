// Every call into the Rust core goes through here, so the command and argument names live in
// one place. Tauri converts camelCase argument keys to the Rust snake_case parameter names.

import { Channel, invoke } from '@tauri-apps/api/core';
import type { AppInfo } from './bindings/AppInfo';
import type { AppError } from './bindings/AppError';
import type { ErrorCode } from './bindings/ErrorCode';
import type { MessageKey, Params } from './i18n.svelte';
import type { Outbound } from './bindings/Outbound';
import type { Flag } from './bindings/Flag';
import type { LexiconDocument } from './bindings/LexiconDocument';
import type { LexiconSummary } from './bindings/LexiconSummary';
import type { MutedUser } from './bindings/MutedUser';
import type { ScriptReport } from './bindings/ScriptReport';
import type { SessionState } from './bindings/SessionState';

export type { AppError, AppInfo, LexiconDocument, LexiconSummary, MutedUser, ScriptReport };

/** The picker's entries: specs as they are, and `tiktok`, which asks for the host's handle. The
 * core also takes e.g. `demo:RATE` and several sources joined by ` + ` (under "Other…"). */
export const SOURCE_SPECS = ['demo', 'tiktok', 'tikfinity', 'none'] as const;

/** False in a plain browser (e.g. `npm run dev` opened directly), where no core answers. */
export function isInTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

// Held for the app's lifetime: the core keeps sending into it until the window closes.
let feedChannel: Channel<Outbound> | null = null;

/**
 * Opens the core's outbound stream: `onMessage` gets every message (a batch of events every
 * ~30 ms, the session state after it). Resolves to the session state at the moment of
 * subscribing; rejects with an `AppError` when the core could not start (see
 * `AppInfo.startup_error`). Call once at start-up.
 */
export async function subscribeFeed(onMessage: (message: Outbound) => void): Promise<SessionState> {
  const channel = new Channel<Outbound>();
  channel.onmessage = onMessage;
  feedChannel = channel;
  return invoke<SessionState>('subscribe_feed', { onUpdate: feedChannel });
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

// Lexicon: a broken lexicon rejects with an `AppError` of code `lexicon` that says where (see
// `isLexiconError` in lexicon.ts).

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

/** Every command rejects with an `AppError` (`{code, message}`). */
export function isAppError(error: unknown): error is AppError {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as Record<string, unknown>;
  return typeof candidate.code === 'string' && typeof candidate.message === 'string';
}

const ERROR_CODES: Record<ErrorCode, MessageKey> = {
  settings: 'errorSettings',
  archive: 'errorArchive',
  lexicon: 'errorLexicon',
  source: 'errorSource',
  server: 'errorServer',
  not_running: 'errorNotRunning',
  io: 'errorIo',
};

/**
 * Whatever a command rejected with, as text: with `t`, an `AppError` is said in the user's
 * language by its code, its message (the core's details: file, entry) after it.
 */
export function errorText(
  error: unknown,
  t?: (key: MessageKey, params?: Params) => string,
): string {
  if (isAppError(error)) {
    const key = Object.hasOwn(ERROR_CODES, error.code) ? ERROR_CODES[error.code] : undefined;
    return t !== undefined && key !== undefined
      ? t(key, { message: error.message })
      : error.message;
  }
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
