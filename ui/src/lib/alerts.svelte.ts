// Alerts from the core (a drop started, 60 s / 30 s left, a slot about to end or over time):
// what each says, how loud it is, and the toasts on screen. The core decides when to alert;
// the window only shows and beeps.

import type { Alert } from './bindings/Alert';
import type { MessageKey, Params } from './i18n.svelte';
import { formatSeconds } from './time';

type Translate = (key: MessageKey, params?: Params) => string;

/** How a toast looks and sounds: `urgent` beeps twice and shows red. */
export type AlertTone = 'good' | 'notice' | 'urgent';

export function alertTone(alert: Alert): AlertTone {
  switch (alert.kind) {
    case 'flash_sale_started':
      return 'good';
    case 'flash_sale_warning':
    case 'slot_over_time':
      return 'urgent';
    case 'flash_sale_closed':
    case 'slot_heads_up':
      return 'notice';
  }
}

const ALERT_TEXT: Record<Alert['kind'], MessageKey> = {
  flash_sale_started: 'alertDropStarted',
  flash_sale_warning: 'alertDropWarning',
  flash_sale_closed: 'alertDropClosed',
  slot_heads_up: 'alertSlotHeadsUp',
  slot_over_time: 'alertSlotOverTime',
};

/** The alert as one sentence; the product is a parameter, so it stays text. */
export function alertText(alert: Alert, t: Translate): string {
  return t(ALERT_TEXT[alert.kind], {
    product: alert.product,
    time: formatSeconds(alert.seconds_left),
  });
}

export type Toast = { id: number; alert: Alert };

/** Toasts on screen at once; an older one makes room for a newer one. */
export const MAX_TOASTS = 4;

export class AlertStore {
  /** Oldest first. */
  toasts = $state.raw<Toast[]>([]);

  private lastId = 0;

  push(alert: Alert): Toast {
    const toast = { id: ++this.lastId, alert };
    this.toasts = [...this.toasts, toast].slice(-MAX_TOASTS);
    return toast;
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((toast) => toast.id !== id);
  }
}
