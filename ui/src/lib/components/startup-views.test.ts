// Server-renders the start-up error: when the archive could not be opened, its path and the
// core's message (file names can hold anything) reach the page as text, with the two ways out.

import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { ArchiveRecovery } from '../startup.svelte';
import { appInfo, textOf } from '../test-fixtures';
import StartupError from './StartupError.svelte';

const XSS = '<img src=x onerror=alert(1)>';

describe('the start-up error', () => {
  it('offers a new archive or another one when the archive failed, path and message as text', () => {
    const info = appInfo({
      archive_path: `/home/sari/${XSS}.db`,
      startup_error: { code: 'archive', message: `/home/sari/${XSS}.db: not a Pandu archive` },
    });
    const { body } = render(StartupError, { props: { info } });
    expect(body).not.toContain('<img src=x');
    expect(textOf(body, 'startup-error', 'p')).toBe(
      `Pandu tidak bisa memulai sesi: Arsip bermasalah: /home/sari/${XSS}.db: not a Pandu archive`,
    );
    expect(textOf(body, 'archive-failed-path', 'code')).toBe(`/home/sari/${XSS}.db`);
    expect(body).toContain('dibiarkan apa adanya');
    expect(textOf(body, 'archive-start-new', 'button')).toBe('Mulai arsip baru');
    expect(textOf(body, 'archive-open-other', 'button')).toBe('Buka arsip lain…');
    expect(body).not.toContain('data-testid="archive-recovery-error"');
  });

  it('says why a choice failed, as text', async () => {
    const recovery = new ArchiveRecovery({
      startNew: () => Promise.reject({ code: 'io', message: XSS }),
      openOther: async () => false,
    });
    await recovery.startNew();
    const info = appInfo({ startup_error: { code: 'archive', message: 'pandu.db: corrupt' } });
    const { body } = render(StartupError, { props: { info, recovery } });
    expect(body).not.toContain('<img src=x');
    expect(textOf(body, 'archive-recovery-error', 'p')).toBe(
      `Arsip baru tidak bisa dibuat: Berkas tidak bisa dibaca atau ditulis: ${XSS}`,
    );
  });

  it('offers no archive choices for any other failure', () => {
    const info = appInfo({ startup_error: { code: 'settings', message: 'settings.toml: bad' } });
    const { body } = render(StartupError, { props: { info } });
    expect(textOf(body, 'startup-error', 'p')).toBe(
      'Pandu tidak bisa memulai sesi: Pengaturan tidak bisa dipakai: settings.toml: bad',
    );
    expect(body).not.toContain('data-testid="archive-start-new"');
    expect(body).not.toContain('data-testid="archive-failed-path"');
  });
});
