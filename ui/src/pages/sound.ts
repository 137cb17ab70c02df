// The host view's alert sound: the window's beep (lib/beep.ts), as loud as the window makes each
// alert. The host can turn it off; the choice is remembered on this device.

import type { Alert } from '../lib/bindings/Alert';
import { alertTone } from '../lib/alerts.svelte';
import { beep, wakeAudio } from '../lib/beep';

const STORAGE_KEY = 'pandu.host.sound';

export class Sound {
  enabled = localStorage.getItem(STORAGE_KEY) !== 'off';

  constructor() {
    // Browsers start audio only after the user touches the page: wake it on the first touch.
    addEventListener('pointerdown', wakeAudio, { once: true });
    addEventListener('keydown', wakeAudio, { once: true });
  }

  toggle(): void {
    this.enabled = !this.enabled;
    localStorage.setItem(STORAGE_KEY, this.enabled ? 'on' : 'off');
    if (this.enabled) beep(false);
  }

  play(alert: Alert): void {
    if (this.enabled) beep(alertTone(alert) === 'urgent');
  }
}
