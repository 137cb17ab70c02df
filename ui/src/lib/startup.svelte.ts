// When the app could not open its archive (corrupt, another program's SQLite file, not SQLite
// at all), the window offers a way out: a new archive beside the failed one, or another
// archive file. Either restarts the app; the failed file is never touched.

import { archiveOpenOther, archiveStartNew, errorText, type AppError, type AppInfo } from './api';
import { locale } from './i18n.svelte';

export type RecoveryChoice = 'new' | 'other';

/** The two commands, injectable for tests. */
export type RecoveryCommands = {
  /** Starts a fresh archive beside the failed one and restarts the app. */
  startNew: () => Promise<void>;
  /** A native file picker; false when the user cancels, else the app restarts. */
  openOther: () => Promise<boolean>;
};

/** The archive that failed, when the start-up error is the archive's; otherwise null. */
export function failedArchive(info: AppInfo | null): { error: AppError; path: string } | null {
  if (!info?.startup_error || info.startup_error.code !== 'archive') return null;
  return { error: info.startup_error, path: info.archive_path };
}

export class ArchiveRecovery {
  /** The choice under way, so its button can say so. */
  busy = $state<RecoveryChoice | null>(null);
  /** A choice succeeded: the app is restarting, and nothing more can be asked. */
  restarting = $state(false);
  /** Why the last choice failed, in plain words. */
  error = $state<string | null>(null);

  constructor(
    private readonly commands: RecoveryCommands = {
      startNew: archiveStartNew,
      openOther: archiveOpenOther,
    },
  ) {}

  startNew(): Promise<void> {
    return this.choose('new', async () => {
      await this.commands.startNew();
      return true;
    });
  }

  openOther(): Promise<void> {
    return this.choose('other', () => this.commands.openOther());
  }

  private async choose(which: RecoveryChoice, call: () => Promise<boolean>): Promise<void> {
    if (this.busy !== null || this.restarting) return;
    this.busy = which;
    this.error = null;
    try {
      // A cancelled picker leaves everything as it was.
      this.restarting = await call();
    } catch (failure) {
      this.error = locale.t(which === 'new' ? 'archiveStartNewFailed' : 'archiveOpenOtherFailed', {
        error: errorText(failure, locale.t),
      });
    } finally {
      this.busy = null;
    }
  }
}
