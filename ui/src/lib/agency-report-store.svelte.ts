// The Laporan tab's "Agensi" scope: its inputs, the agency's report the hub last gave, and why
// it did not when it did not. The report is fetched when asked for ("Tampilkan"), not on every
// keystroke: each fetch is a round trip to the hub.

import { Action } from './action.svelte';
import { agencyReportExport, agencyReportGet, errorText } from './api';
import type { AgencyReport } from './bindings/AgencyReport';
import type { AgencyRequest } from './bindings/AgencyRequest';
import type { ReportFormat } from './bindings/ReportFormat';
import { downloadText } from './files';
import { locale } from './i18n.svelte';
import { newestOnly } from './newest';
import {
  agencyProblem,
  agencyRequest,
  emptyInputs,
  withPeriod,
  type AgencyInputs,
  type AgencyPeriod,
} from './agency-report';

export class AgencyReportStore {
  inputs = $state<AgencyInputs>(emptyInputs());
  /** The report on screen; it stays while a newer fetch fails, under the reason. */
  report = $state.raw<AgencyReport | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  readonly exporting = new Action();
  problem = $derived(agencyProblem(this.inputs));

  #newest = newestOnly((request: AgencyRequest) => agencyReportGet(request));

  /** Picks a period; one without a usable value starts from the report on screen or today. */
  pick(period: AgencyPeriod, now = Date.now()): void {
    this.inputs = withPeriod(this.inputs, period, now, this.report?.scope);
  }

  /** Fetches the report the inputs ask for; only the newest fetch's answer is shown. */
  async load(): Promise<void> {
    if (this.problem !== null) return;
    this.loading = true;
    const outcome = await this.#newest.run(agencyRequest(this.inputs));
    if (outcome === null) return;
    this.loading = false;
    if (outcome.ok) {
      this.report = outcome.value;
      this.error = null;
    } else {
      this.error = locale.t('agencyReportFailed', { error: errorText(outcome.error, locale.t) });
    }
  }

  /** Saves the report the inputs ask for, as the hub writes it in `format`. */
  async exportAs(format: ReportFormat, type: string): Promise<void> {
    if (this.problem !== null) return;
    const request = agencyRequest(this.inputs);
    await this.exporting.run(async () => {
      const file = await agencyReportExport(request, format);
      downloadText(file.file_name, file.content, type);
    });
  }
}
