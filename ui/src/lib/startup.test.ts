import { describe, expect, it } from 'vitest';
import { ArchiveRecovery, failedArchive, type RecoveryCommands } from './startup.svelte';
import { appInfo } from './test-fixtures';

function commands(overrides: Partial<RecoveryCommands> = {}): RecoveryCommands & {
  calls: string[];
} {
  const calls: string[] = [];
  return {
    calls,
    startNew: async () => {
      calls.push('new');
    },
    openOther: async () => {
      calls.push('other');
      return true;
    },
    ...overrides,
  };
}

describe('the archive the app could not open', () => {
  it('is offered a way out only when the archive is what failed', () => {
    expect(failedArchive(appInfo())).toBeNull();
    expect(failedArchive(null)).toBeNull();
    expect(
      failedArchive(
        appInfo({ startup_error: { code: 'settings', message: 'settings.toml: bad' } }),
      ),
    ).toBeNull();
    expect(
      failedArchive(
        appInfo({ startup_error: { code: 'archive', message: 'pandu.db: not a Pandu archive' } }),
      ),
    ).toEqual({
      error: { code: 'archive', message: 'pandu.db: not a Pandu archive' },
      path: '/home/sari/.local/share/pandu/pandu.db',
    });
  });

  it('starts a new archive, then waits for the restart', async () => {
    const fake = commands();
    const recovery = new ArchiveRecovery(fake);
    const pending = recovery.startNew();
    expect(recovery.busy).toBe('new');
    await pending;
    expect(fake.calls).toEqual(['new']);
    expect(recovery.restarting).toBe(true);
    expect(recovery.error).toBeNull();
    // Restarting: a second click asks for nothing.
    await recovery.openOther();
    expect(fake.calls).toEqual(['new']);
  });

  it('leaves everything as it was when the picker is cancelled', async () => {
    const fake = commands({ openOther: async () => false });
    const recovery = new ArchiveRecovery(fake);
    await recovery.openOther();
    expect(recovery.busy).toBeNull();
    expect(recovery.restarting).toBe(false);
    expect(recovery.error).toBeNull();
  });

  it('says in plain words why a choice failed, and lets the user try again', async () => {
    let fail = true;
    const recovery = new ArchiveRecovery(
      commands({
        startNew: async () => {
          if (fail) throw { code: 'io', message: '/home/sari: permission denied' };
        },
        openOther: () =>
          Promise.reject({ code: 'archive', message: 'foto.db: not a Pandu archive' }),
      }),
    );
    await recovery.startNew();
    expect(recovery.error).toBe(
      'Arsip baru tidak bisa dibuat: Berkas tidak bisa dibaca atau ditulis: /home/sari: permission denied',
    );
    expect(recovery.busy).toBeNull();
    await recovery.openOther();
    expect(recovery.error).toBe(
      'Arsip itu tidak bisa dibuka: Arsip bermasalah: foto.db: not a Pandu archive',
    );
    fail = false;
    await recovery.startNew();
    expect(recovery.error).toBeNull();
    expect(recovery.restarting).toBe(true);
  });
});
