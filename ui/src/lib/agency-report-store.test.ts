// The "Agensi" scope's state: what it asks the hub for, the report it shows, the hub's refusal in
// the window's language, and the exports saved as the hub writes them.

import { beforeEach, describe, expect, it, vi } from 'vitest';

const { agencyReportGet, agencyReportExport, downloadText } = vi.hoisted(() => ({
  agencyReportGet: vi.fn(),
  agencyReportExport: vi.fn(),
  downloadText: vi.fn(),
}));
vi.mock('./api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./api')>()),
  agencyReportGet,
  agencyReportExport,
}));
vi.mock('./files', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./files')>()),
  downloadText,
}));

import { AgencyReportStore } from './agency-report-store.svelte';
import { agencyReport } from './test-fixtures';

beforeEach(() => {
  agencyReportGet.mockReset();
  agencyReportExport.mockReset();
  downloadText.mockReset();
});

describe('the agency report', () => {
  it('asks the hub for what the inputs say, and shows its answer', async () => {
    const store = new AgencyReportStore();
    store.pick('week');
    store.inputs.week = '2026-W02';
    store.inputs.shop = ' Novilla Official ';
    agencyReportGet.mockResolvedValueOnce(agencyReport());
    await store.load();
    expect(agencyReportGet).toHaveBeenCalledWith({
      week: '2026-W02',
      from: null,
      to: null,
      shop: 'Novilla Official',
      host: null,
      product: null,
    });
    expect(store.report).toEqual(agencyReport());
    expect(store.error).toBeNull();
    expect(store.loading).toBe(false);
  });

  it('says why the hub did not answer, keeping the report on screen', async () => {
    const store = new AgencyReportStore();
    agencyReportGet.mockResolvedValueOnce(agencyReport());
    await store.load();
    agencyReportGet.mockRejectedValueOnce({ code: 'hub', message: 'connection refused' });
    await store.load();
    expect(store.error).toBe(
      'Laporan agensi tidak bisa diambil: Hub agensi tidak dapat dipakai: connection refused',
    );
    expect(store.report).not.toBeNull();
    agencyReportGet.mockResolvedValueOnce(agencyReport());
    await store.load();
    expect(store.error).toBeNull();
  });

  it('shows only the newest answer', async () => {
    const store = new AgencyReportStore();
    let answerOld: (report: unknown) => void = () => {};
    agencyReportGet.mockReturnValueOnce(new Promise((resolve) => (answerOld = resolve)));
    const old = store.load();
    const newer = agencyReport({ generated_at: 2 });
    agencyReportGet.mockResolvedValueOnce(newer);
    await store.load();
    answerOld(agencyReport({ generated_at: 1 }));
    await old;
    expect(store.report).toEqual(newer);
  });

  it('does not ask for a period that is not one', async () => {
    const store = new AgencyReportStore();
    store.pick('week');
    store.inputs.week = '2026-W99';
    expect(store.problem).toBe('weekInvalid');
    await store.load();
    await store.exportAs('csv', 'text/csv');
    expect(agencyReportGet).not.toHaveBeenCalled();
    expect(agencyReportExport).not.toHaveBeenCalled();
  });

  it('saves an export as the hub wrote it, or says why not', async () => {
    const store = new AgencyReportStore();
    store.inputs.product = 'Serum';
    agencyReportExport.mockResolvedValueOnce({ file_name: 'agensi-2026-W02.json', content: '{}' });
    await store.exportAs('json', 'application/json;charset=utf-8');
    expect(agencyReportExport).toHaveBeenCalledWith(
      { week: null, from: null, to: null, shop: null, host: null, product: 'Serum' },
      'json',
    );
    expect(downloadText).toHaveBeenCalledWith(
      'agensi-2026-W02.json',
      '{}',
      'application/json;charset=utf-8',
    );
    agencyReportExport.mockRejectedValueOnce({ code: 'hub', message: 'no hub set' });
    await store.exportAs('csv', 'text/csv');
    expect(store.exporting.error).toBe('Hub agensi tidak dapat dipakai: no hub set');
  });
});
