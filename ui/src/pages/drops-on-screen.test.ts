import { describe, expect, it } from 'vitest';
import type { FlashSale } from '../lib/bindings/FlashSale';
import { flashSale } from '../lib/test-fixtures';
import { CLOSED_LINGER_MS, dropLabelKey, DropsOnScreen, phaseOf } from './drops-on-screen';

const sale = (id: string, state: FlashSale['state'], extra: Partial<FlashSale> = {}) =>
  flashSale({ id, state, ...extra });

const shown = (drops: DropsOnScreen, now: number) =>
  drops.read(now).map((drop) => [drop.id, phaseOf(drop)]);

describe('DropsOnScreen', () => {
  it('follows a drop from its lead-in to its payment window', () => {
    const drops = new DropsOnScreen();
    drops.update([sale('fs-1', 'upcoming')], 0);
    expect(shown(drops, 500)).toEqual([['fs-1', 'lead-in']]);
    drops.update([sale('fs-1', 'running')], 90_000);
    expect(shown(drops, 90_000)).toEqual([['fs-1', 'window']]);
    drops.update([sale('fs-1', 'ending')], 331_000);
    expect(shown(drops, 331_000)).toEqual([['fs-1', 'window']]);
  });

  it('says "time is up" for a moment when a drop seen running closes, then lets it go', () => {
    const drops = new DropsOnScreen();
    drops.update([sale('fs-1', 'running')], 0);
    drops.update([sale('fs-1', 'closed', { end_reason: 'expired' })], 5_000);
    expect(shown(drops, 5_100)).toEqual([['fs-1', 'closed']]);
    expect(shown(drops, 5_000 + CLOSED_LINGER_MS + 1)).toEqual([]);
    // Later clock messages still list it (the session's history): it stays gone.
    drops.update([sale('fs-1', 'closed')], 20_000);
    expect(shown(drops, 20_000)).toEqual([]);
  });

  it('never shows drops closed before the page opened', () => {
    const drops = new DropsOnScreen();
    drops.update([sale('fs-old', 'closed'), sale('fs-new', 'running')], 0);
    expect(shown(drops, 0)).toEqual([['fs-new', 'window']]);
  });

  it("keeps the server's order; a drop no longer listed leaves at once", () => {
    const drops = new DropsOnScreen();
    drops.update([sale('fs-a', 'running'), sale('fs-b', 'upcoming')], 0);
    expect(shown(drops, 0)).toEqual([
      ['fs-a', 'window'],
      ['fs-b', 'lead-in'],
    ]);
    drops.update([sale('fs-b', 'upcoming')], 1_000);
    expect(shown(drops, 1_000)).toEqual([['fs-b', 'lead-in']]);
  });
});

describe('dropLabelKey', () => {
  it('says what the countdown counts to, and how the drop ended', () => {
    expect(dropLabelKey(sale('fs-1', 'upcoming'), 'dropPayIn')).toBe('dropUpcoming');
    expect(dropLabelKey(sale('fs-1', 'ending'), 'dropPayIn')).toBe('dropPayIn');
    expect(dropLabelKey(sale('fs-1', 'running'), 'dropPayBefore')).toBe('dropPayBefore');
    expect(dropLabelKey(sale('fs-1', 'closed', { end_reason: 'closed' }), 'dropPayIn')).toBe(
      'dropClosed',
    );
    expect(dropLabelKey(sale('fs-1', 'closed', { end_reason: 'expired' }), 'dropPayIn')).toBe(
      'dropTimeUp',
    );
  });
});
