// Pengaturan → Agensi: who hosts the lives started on this PC, and the agency hub this desktop
// sends its lives to (its address, token and the shop they are for). The core trims, checks and
// saves them (`[live] host` and `[hub]` in config.toml); this reads them into a form and back.

import { agencyGet, agencySet, errorText } from './api';
import type { Agency } from './bindings/Agency';
import { locale } from './i18n.svelte';

export type { Agency };

/** The core caps the host's name (src/config.rs `MAX_HOST_CHARS`). */
export const MAX_HOST_CHARS = 60;
/** The core caps the shop's name (src/hub/uploader.rs `MAX_SHOP_CHARS`). */
export const MAX_SHOP_CHARS = 80;

export type AgencyForm = {
  host: string;
  url: string;
  token: string;
  shop: string;
};

export function formOf(agency: Agency): AgencyForm {
  return {
    host: agency.host,
    url: agency.hub.url,
    token: agency.hub.token,
    shop: agency.hub.shop,
  };
}

/** The form as sent: as typed, for the core trims and checks it (and says why it refuses). */
export function agencyOf(form: AgencyForm): Agency {
  return { host: form.host, hub: { url: form.url, token: form.token, shop: form.shop } };
}

export class AgencyEditor {
  /** Null until the core's settings are read. */
  form = $state<AgencyForm | null>(null);
  loadError = $state<string | null>(null);
  saveError = $state<string | null>(null);
  saving = $state(false);
  /** The last save went through, until the form changes again. */
  saved = $state(false);

  async load(): Promise<void> {
    try {
      this.form = formOf(await agencyGet());
      this.loadError = null;
    } catch (failure) {
      this.loadError = locale.t('agencyLoadFailed', { error: errorText(failure, locale.t) });
    }
  }

  /** The form changed: the last "saved" no longer holds. */
  touched(): void {
    this.saved = false;
  }

  /**
   * Saves the form; the core's answer (what it keeps) is shown. When it refuses, the form stays
   * as typed, with its reason. True once saved.
   */
  async save(): Promise<boolean> {
    const form = this.form;
    if (form === null || this.saving) return false;
    this.saving = true;
    this.saveError = null;
    this.saved = false;
    try {
      this.form = formOf(await agencySet(agencyOf(form)));
      this.saved = true;
      return true;
    } catch (failure) {
      this.saveError = locale.t('agencySaveFailed', { error: errorText(failure, locale.t) });
      return false;
    } finally {
      this.saving = false;
    }
  }
}
