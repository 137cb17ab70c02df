import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClockStore } from './clock.svelte';
import { clockState, flashSale, runSheetState } from './test-fixtures';

afterEach(() => vi.useRealTimers());

describe('ClockStore', () => {
  it('counts each drop and the slot down from the latest clock message', () => {
    vi.useFakeTimers();
    const clock = new ClockStore();
    const drop = flashSale({ remaining_ms: 252_000 });
    const sheet = runSheetState({ slot: 0, slot_remaining_ms: 5_000, slot_seconds: 900 });
    clock.set(clockState({ flash_sales: [drop], run_sheet: sheet }), 1_000);
    expect(clock.dropRemaining(drop)).toBe(252_000);
    expect(clock.slotRemaining()).toBe(5_000);
    clock.now = 8_000;
    expect(clock.dropRemaining(drop)).toBe(245_000);
    // Over time: the slot keeps counting, below zero.
    expect(clock.slotRemaining()).toBe(-2_000);
  });

  it('counts a lead-in and the payment window apart', () => {
    const clock = new ClockStore();
    const upcoming = flashSale({ state: 'upcoming', remaining_ms: 3_000 });
    clock.set(clockState({ flash_sales: [upcoming] }), 0);
    const running = { ...upcoming, state: 'running' as const, remaining_ms: 300_000 };
    // 2.9 s off the lead-in's deadline, yet a new countdown: the window starts fresh.
    clock.set(clockState({ flash_sales: [running] }), 3_100);
    expect(clock.dropRemaining(running)).toBe(300_000);
  });

  it('holds a paused slot and shows closed drops at zero', () => {
    const clock = new ClockStore();
    const closed = flashSale({ state: 'closed', end_reason: 'expired', remaining_ms: 0 });
    const sheet = runSheetState({ slot: 1, slot_remaining_ms: 42_000, paused: true });
    clock.set(clockState({ flash_sales: [closed], run_sheet: sheet }), 0);
    clock.now = 10_000;
    expect(clock.slotRemaining()).toBe(42_000);
    expect(clock.dropRemaining(closed)).toBe(0);
  });

  it('takes only clock messages', () => {
    const clock = new ClockStore();
    clock.apply({
      type: 'alert',
      alert: { kind: 'flash_sale_started', flash_sale: 'fs-1', product: 'x', seconds_left: 0 },
    });
    expect(clock.state).toBeNull();
    clock.apply({ type: 'clock', clock: clockState() });
    expect(clock.state).not.toBeNull();
    expect(clock.slotRemaining()).toBeNull();
  });
});
