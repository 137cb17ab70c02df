import { describe, expect, it } from 'vitest';
import { archiveHealth, archiveWarnings } from './archive';
import type { SessionState } from './bindings/SessionState';
import { translate, type MessageKey, type Params } from './i18n.svelte';
import { session } from './test-fixtures';

const id = (key: MessageKey, params?: Params) => translate('id', key, params);
const en = (key: MessageKey, params?: Params) => translate('en', key, params);

/** A snapshot from a core that already sends the archive's health. */
function withHealth(fields: Record<string, unknown>): SessionState {
  return { ...session(), ...fields } as SessionState;
}

describe('archive health', () => {
  it('reads as healthy from a core that does not send it', () => {
    expect(archiveHealth(session())).toEqual({ waiting: 0, dropped: 0, problem: null });
    expect(archiveHealth(null)).toEqual({ waiting: 0, dropped: 0, problem: null });
    expect(archiveWarnings(archiveHealth(session()), id)).toEqual([]);
  });

  it('ignores problems this build does not know and counts that make no sense', () => {
    const health = archiveHealth(
      withHealth({ archive_problem: 'gremlins', archive_waiting: -3, archive_dropped: 'x' }),
    );
    expect(health).toEqual({ waiting: 0, dropped: 0, problem: null });
  });

  it('says why the archive is behind, and what was lost, in plain words', () => {
    const full = archiveHealth(
      withHealth({ archive_problem: 'disk_full', archive_waiting: 1234, archive_dropped: 0 }),
    );
    expect(archiveWarnings(full, id)).toEqual([
      'Arsip tidak bisa ditulis: disk penuh. Komentar disimpan sementara di memori (1.234 menunggu); Pandu mencoba lagi sendiri.',
    ]);
    const locked = archiveHealth(
      withHealth({ archive_problem: 'locked', archive_waiting: 5, archive_dropped: 12 }),
    );
    const said = archiveWarnings(locked, id);
    expect(said[0]).toContain('dikunci program lain');
    expect(said[1]).toBe('12 komentar tidak tersimpan karena antrean penuh.');
    expect(archiveWarnings(locked, en)[1]).toBe(
      '12 comments were not saved because the queue was full.',
    );
    const dropped = archiveHealth(withHealth({ archive_problem: null, archive_dropped: 2 }));
    expect(archiveWarnings(dropped, id)).toEqual([
      '2 komentar tidak tersimpan karena antrean penuh.',
    ]);
  });
});
