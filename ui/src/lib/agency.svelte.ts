// Pengaturan → Agensi: who hosts the lives started on this PC, and the agency hub this desktop
// sends its lives to (its address, token and the shop they are for). The core trims, checks and
// saves them (`[live] host` and `[hub]` in config.toml); this reads them into a form and back.

import { agencyGet, agencySet } from './api';
import type { Agency } from './bindings/Agency';
import { SettingsEditor } from './settings-editor.svelte';

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

export class AgencyEditor extends SettingsEditor<Agency, AgencyForm> {
  constructor() {
    super({
      get: agencyGet,
      set: agencySet,
      formOf,
      settingsOf: agencyOf,
      loadFailed: 'agencyLoadFailed',
      saveFailed: 'agencySaveFailed',
    });
  }
}
