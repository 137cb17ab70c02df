// The archive's health as the status bar says it: why writes fail (disk full, locked, not
// writable), how many events wait in memory, and how many were lost to a full queue.

import type { SessionState } from './bindings/SessionState';
import type { MessageKey, Params } from './i18n.svelte';

export type ArchiveProblem = 'locked' | 'disk_full' | 'unwritable';

const PROBLEMS: Record<ArchiveProblem, MessageKey> = {
  disk_full: 'archiveProblemDiskFull',
  locked: 'archiveProblemLocked',
  unwritable: 'archiveProblemUnwritable',
};

/** The session state's archive fields; older cores leave them out, which reads as healthy. */
type WithArchiveHealth = SessionState &
  Partial<{
    archive_waiting: number;
    archive_dropped: number;
    archive_problem: ArchiveProblem | null;
  }>;

export type ArchiveHealth = { waiting: number; dropped: number; problem: ArchiveProblem | null };

const count = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.trunc(value) : 0;

export function archiveHealth(state: SessionState | null): ArchiveHealth {
  const fields = (state ?? {}) as Partial<WithArchiveHealth>;
  const problem = fields.archive_problem;
  return {
    waiting: count(fields.archive_waiting),
    dropped: count(fields.archive_dropped),
    problem: typeof problem === 'string' && Object.hasOwn(PROBLEMS, problem) ? problem : null,
  };
}

/** The status bar's plain-words warnings, most urgent first; empty while all is well. */
export function archiveWarnings(
  health: ArchiveHealth,
  t: (key: MessageKey, params?: Params) => string,
): string[] {
  const warnings: string[] = [];
  if (health.problem !== null) warnings.push(t(PROBLEMS[health.problem], { n: health.waiting }));
  if (health.dropped > 0) warnings.push(t('archiveDropped', { n: health.dropped }));
  return warnings;
}
