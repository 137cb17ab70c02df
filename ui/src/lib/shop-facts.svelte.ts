// Pengaturan's shop facts: shipping, COD, warranty, returns and customer service hours, which
// every product's answer card falls back on. The core checks and saves them (`[shop_facts]` in
// config.toml); this reads them into a form and back.

import { shopFactsGet, shopFactsSet } from './api';
import type { ShopFacts } from './bindings/ShopFacts';
import { SettingsEditor } from './settings-editor.svelte';

export type { ShopFacts };

/** The core caps each fact (src/answers/facts.rs). */
export const MAX_SHOP_FACT_CHARS = 1_000;

/** COD in the form's select: not said yet (null), yes, or no. */
export type CodChoice = 'unset' | 'yes' | 'no';

export type ShopFactsForm = {
  shipping: string;
  cod: CodChoice;
  warranty: string;
  returns: string;
  service_hours: string;
};

export const TEXT_FIELDS = ['shipping', 'warranty', 'returns', 'service_hours'] as const;

export function formOf(facts: ShopFacts): ShopFactsForm {
  return {
    shipping: facts.shipping ?? '',
    cod: facts.cod === null ? 'unset' : facts.cod ? 'yes' : 'no',
    warranty: facts.warranty ?? '',
    returns: facts.returns ?? '',
    service_hours: facts.service_hours ?? '',
  };
}

/** A text field as saved: trimmed, and null when nothing is left. */
function filled(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

export function factsOf(form: ShopFactsForm): ShopFacts {
  return {
    shipping: filled(form.shipping),
    cod: form.cod === 'unset' ? null : form.cod === 'yes',
    warranty: filled(form.warranty),
    returns: filled(form.returns),
    service_hours: filled(form.service_hours),
  };
}

export class ShopFactsEditor extends SettingsEditor<ShopFacts, ShopFactsForm> {
  constructor() {
    super({
      get: shopFactsGet,
      set: shopFactsSet,
      formOf,
      settingsOf: factsOf,
      loadFailed: 'shopFactsLoadFailed',
      saveFailed: 'shopFactsSaveFailed',
    });
  }
}
