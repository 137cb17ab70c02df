// Pengaturan's shop facts: shipping, COD, warranty, returns and customer service hours, which
// every product's answer card falls back on. The core checks and saves them (`[shop_facts]` in
// config.toml); this reads them into a form and back.

import { errorText, shopFactsGet, shopFactsSet } from './api';
import type { ShopFacts } from './bindings/ShopFacts';
import { locale } from './i18n.svelte';

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

export class ShopFactsEditor {
  /** Null until the core's facts are read. */
  form = $state<ShopFactsForm | null>(null);
  loadError = $state<string | null>(null);
  saveError = $state<string | null>(null);
  saving = $state(false);
  /** The last save went through, until the form changes again. */
  saved = $state(false);

  async load(): Promise<void> {
    try {
      this.form = formOf(await shopFactsGet());
      this.loadError = null;
    } catch (failure) {
      this.loadError = locale.t('shopFactsLoadFailed', { error: errorText(failure, locale.t) });
    }
  }

  /** The form changed: the last "saved" no longer holds. */
  touched(): void {
    this.saved = false;
  }

  /** Saves the form; the core's answer (what it keeps) is shown. True once saved. */
  async save(): Promise<boolean> {
    const form = this.form;
    if (form === null || this.saving) return false;
    this.saving = true;
    this.saveError = null;
    this.saved = false;
    try {
      this.form = formOf(await shopFactsSet(factsOf(form)));
      this.saved = true;
      return true;
    } catch (failure) {
      this.saveError = locale.t('shopFactsSaveFailed', { error: errorText(failure, locale.t) });
      return false;
    } finally {
      this.saving = false;
    }
  }
}
