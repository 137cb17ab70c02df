// A call to the core behind one or more buttons: while it runs they wait (`busy`), and when it
// fails `error` says why, in the window's language, until the next call.

import { errorText } from './api';
import { locale } from './i18n.svelte';

export class Action {
  busy = $state(false);
  error = $state<string | null>(null);

  /** Runs `task`, unless the last one is still running (a second click is not a second call). */
  async run(task: () => Promise<unknown>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      await task();
    } catch (failure) {
      this.error = errorText(failure, locale.t);
    } finally {
      this.busy = false;
    }
  }
}
