// Every call into the Rust core goes through here. The command functions are generated from
// their Rust signatures (bindings/commands.ts); this file adds the feed channel and error text.

import { Channel } from '@tauri-apps/api/core';
import * as commands from './bindings/commands';
import type { AppInfo } from './bindings/AppInfo';
import type { AppError } from './bindings/AppError';
import type { ErrorCode } from './bindings/ErrorCode';
import type { HostLink } from './bindings/HostLink';
import type { MessageKey, Params } from './i18n.svelte';
import type { Outbound } from './bindings/Outbound';
import type { LexiconDocument } from './bindings/LexiconDocument';
import type { LexiconSummary } from './bindings/LexiconSummary';
import type { MutedUser } from './bindings/MutedUser';
import type { Preferences } from './bindings/Preferences';
import type { RunSheet } from './bindings/RunSheet';
import type { RunSheetSummary } from './bindings/RunSheetSummary';
import type { ScriptReport } from './bindings/ScriptReport';

export type {
  AppError,
  AppInfo,
  HostLink,
  LexiconDocument,
  LexiconSummary,
  MutedUser,
  Preferences,
  RunSheet,
  RunSheetSummary,
  ScriptReport,
};

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
 * Opens the core's outbound stream as every front end does: `onMessage` gets the app's snapshot
 * first (the session, the clock, the live's tags, the next question, the script, the pinned
 * comment, the frame), then every message (a batch of events every ~30 ms, the session state
 * after it, ...). Rejects with an `AppError` when the core could not start (see
 * `AppInfo.startup_error`). Call once at start-up.
 */
export async function subscribeFeed(onMessage: (message: Outbound) => void): Promise<void> {
  const channel = new Channel<Outbound>();
  channel.onmessage = onMessage;
  feedChannel = channel;
  return commands.subscribeFeed(feedChannel);
}

// The commands themselves, typed from their Rust signatures (generated; see
// src-tauri/src/commands_ts.rs): a new command needs no line here. `subscribeFeed` above wraps
// the generated one, and a local export wins over a re-exported name.
export * from './bindings/commands';

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
  port_in_use: 'errorPortInUse',
  not_running: 'errorNotRunning',
  io: 'errorIo',
  invalid: 'errorInvalid',
  not_found: 'errorNotFound',
  run_sheet: 'errorRunSheet',
  frame: 'errorFrame',
  hub: 'errorHub',
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
      ? t(key, { message: error.message, subject: error.subject ?? '' })
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

/** An `AppError` that says where in the user's text it broke: a lexicon, a run sheet's CSV. */
export type ErrorAt = AppError & { line: number; column: number };

export function isErrorAt(error: unknown): error is ErrorAt {
  return isAppError(error) && typeof error.line === 'number' && typeof error.column === 'number';
}

/**
 * "baris 12, kolom 5: …" when the core knows where; line 0 means it does not (e.g. disk errors),
 * column 0 that the whole line is wrong (a CSV row with a field too many).
 */
export function describeErrorAt(
  error: unknown,
  t: (key: MessageKey, params?: Params) => string,
  fallback: string,
): string {
  if (!isErrorAt(error)) return fallback;
  if (error.line <= 0) return error.message;
  if (error.column <= 0) return t('errorAtLine', { line: error.line, message: error.message });
  return t('errorAt', { line: error.line, column: error.column, message: error.message });
}
