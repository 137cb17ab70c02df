// A Pengaturan section that is one form over settings the core keeps (the agency, the shop
// facts): read into the form, edited, and saved back. The core checks what is saved and answers
// with what it keeps, which the form then shows; when it refuses, the form stays as typed, with
// its reason.

import { errorText } from './api';
import { locale, type MessageKey } from './i18n.svelte';

/** How one kind of settings is read and saved, and turned into its form and back. */
export type SettingsAccess<Settings, Form> = {
  get: () => Promise<Settings>;
  /** Saves the settings; resolves to what the core keeps. */
  set: (settings: Settings) => Promise<Settings>;
  formOf: (settings: Settings) => Form;
  settingsOf: (form: Form) => Settings;
  /** What a failed read and a failed save say; each takes the core's `{error}`. */
  loadFailed: MessageKey;
  saveFailed: MessageKey;
};

export class SettingsEditor<Settings, Form> {
  /** Null until the core's settings are read. */
  form = $state<Form | null>(null);
  loadError = $state<string | null>(null);
  saveError = $state<string | null>(null);
  saving = $state(false);
  /** The last save went through, until the form changes again. */
  saved = $state(false);

  readonly #access: SettingsAccess<Settings, Form>;

  constructor(access: SettingsAccess<Settings, Form>) {
    this.#access = access;
  }

  async load(): Promise<void> {
    try {
      this.form = this.#access.formOf(await this.#access.get());
      this.loadError = null;
    } catch (failure) {
      this.loadError = locale.t(this.#access.loadFailed, { error: errorText(failure, locale.t) });
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
      this.form = this.#access.formOf(await this.#access.set(this.#access.settingsOf(form)));
      this.saved = true;
      return true;
    } catch (failure) {
      this.saveError = locale.t(this.#access.saveFailed, { error: errorText(failure, locale.t) });
      return false;
    } finally {
      this.saving = false;
    }
  }
}
