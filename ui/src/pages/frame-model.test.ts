import { describe, expect, it } from 'vitest';
import type { FlashSale } from '../lib/bindings/FlashSale';
import { flashSale, runSheetState, slot } from '../lib/test-fixtures';
import { cssColour } from './colour';
import { currentProduct, fontFamily, initials, pickDrop, slotColours } from './frame-model';

describe('the frame overlay', () => {
  it('takes template colours only as valid CSS hex; the accent is text only where it reads', () => {
    expect(cssColour('#1F3B2DD9', 'x')).toBe('#1F3B2DD9');
    expect(cssColour('#fff', 'x')).toBe('#fff');
    expect(cssColour('red; background: url(x)', '#000')).toBe('#000');
    expect(cssColour(undefined, '#000')).toBe('#000');
    // Brass on cream is unreadable: the price takes the text colour.
    const cream = slotColours({ background: '#F5EFE3F2', color: '#1F3B2D', accent: '#C9A227' });
    expect(cream.accentText).toBe('#1F3B2D');
    expect(cream.onAccent).toBe('#111111');
    const green = slotColours({ background: '#1F3B2DE6', color: '#F5EFE3', accent: '#C9A227' });
    expect(green.accentText).toBe('#C9A227');
    expect(fontFamily('Evil" } body { x')).toBe('"Evil } body { x"');
    expect(fontFamily('')).toBeNull();
  });

  it('shows the payment window closing soonest in the countdown slot, then a lead-in', () => {
    const drop = (id: string, state: FlashSale['state'], remaining_ms: number) =>
      flashSale({ id, state, remaining_ms });
    const remaining = (sale: FlashSale) => sale.remaining_ms;
    expect(pickDrop([], remaining)).toEqual({ drop: null, others: 0 });
    const picked = pickDrop(
      [
        drop('a', 'upcoming', 30_000),
        drop('b', 'running', 200_000),
        drop('c', 'ending', 90_000),
        drop('d', 'closed', 0),
      ],
      remaining,
    );
    expect(picked.drop?.id).toBe('c');
    expect(picked.others).toBe(2);
    expect(pickDrop([drop('a', 'upcoming', 30_000)], remaining).drop?.id).toBe('a');
    expect(pickDrop([drop('d', 'closed', 0)], remaining).drop?.id).toBe('d');
  });

  it('finds a running drop for the current product for the product card', () => {
    const sheet = runSheetState({
      slot: 0,
      slots: [slot({ product: 'Sofa  Oslo', price: 'Rp 3.499.000' })],
    });
    const sale = (state: FlashSale['state'], product = 'sofa oslo') =>
      flashSale({ state, product });
    expect(currentProduct(null)).toEqual({ slot: null, sale: null });
    expect(currentProduct({ ...sheet, slot: null }).slot).toBeNull();
    expect(currentProduct(sheet, [sale('running')]).sale?.state).toBe('running');
    expect(currentProduct(sheet, [sale('ending')]).sale?.state).toBe('ending');
    expect(currentProduct(sheet, [sale('upcoming')]).sale).toBeNull();
    expect(currentProduct(sheet, [sale('closed')]).sale).toBeNull();
    expect(currentProduct(sheet, [sale('running', 'Meja')]).sale).toBeNull();
  });

  it('makes initials of whole graphemes', () => {
    expect(initials('Sari Dewi')).toBe('SD');
    expect(initials('budi_santoso99')).toBe('BS');
    expect(initials('🌸 bunga')).toBe('🌸B');
    expect(initials('   ')).toBe('?');
  });
});
