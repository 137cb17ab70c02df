import { describe, expect, it } from 'vitest';
import { alertText, alertTone, AlertStore, MAX_TOASTS } from './alerts.svelte';
import type { Alert } from './bindings/Alert';
import { translate, type MessageKey, type Params } from './i18n.svelte';

const id = (key: MessageKey, params?: Params) => translate('id', key, params);

const alert = (kind: Alert['kind'], seconds_left = 0): Alert => ({
  kind,
  flash_sale: kind.startsWith('flash_sale') ? 'fs-1a2b3c4d' : null,
  product: 'Serum <b>Novilla</b>',
  seconds_left,
});

describe('alerts', () => {
  it('say what happened with the product as written', () => {
    expect(alertText(alert('flash_sale_warning', 30), id)).toBe(
      'Sisa 0:30 untuk bayar — Serum <b>Novilla</b>',
    );
    expect(alertText(alert('slot_heads_up', 60), id)).toBe(
      '1:00 lagi ganti produk — Serum <b>Novilla</b>',
    );
  });

  it('are urgent when money or time is running out', () => {
    expect(alertTone(alert('flash_sale_warning', 60))).toBe('urgent');
    expect(alertTone(alert('slot_over_time'))).toBe('urgent');
    expect(alertTone(alert('flash_sale_started'))).toBe('good');
    expect(alertTone(alert('flash_sale_closed'))).toBe('notice');
  });

  it('stack as toasts, the oldest making room', () => {
    const store = new AlertStore();
    const first = store.push(alert('flash_sale_started'));
    for (let n = 0; n < MAX_TOASTS; n++) store.push(alert('flash_sale_warning', 60));
    expect(store.toasts).toHaveLength(MAX_TOASTS);
    expect(store.toasts.some((toast) => toast.id === first.id)).toBe(false);
    store.dismiss(store.toasts[0]!.id);
    expect(store.toasts).toHaveLength(MAX_TOASTS - 1);
  });
});
