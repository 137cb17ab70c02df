import { describe, expect, it } from 'vitest';
import { draftFromRequest, dropStatusKey, orderDrops, requestFromDraft } from './drops';
import { flashSale } from './test-fixtures';

describe('the start form', () => {
  it('is prefilled with the drop the core says the slot plans', () => {
    const planned = { product: 'Serum Novilla 30 ml', price: 'Rp99.000', seconds: 180, stock: 20 };
    expect(draftFromRequest(planned, 300)).toEqual({
      product: 'Serum Novilla 30 ml',
      price: 'Rp99.000',
      window: '3:00',
      stock: '20',
      leadIn: '',
    });
  });

  it('takes the default window where the slot names none', () => {
    const draft = draftFromRequest({ product: 'Serum', price: 'Rp149.000' }, 240);
    expect(draft).toMatchObject({ price: 'Rp149.000', window: '4:00', stock: '' });
  });

  it('is empty without a current slot', () => {
    expect(draftFromRequest(null, 300)).toEqual({
      product: '',
      price: '',
      window: '5:00',
      stock: '',
      leadIn: '',
    });
  });

  it('makes the request, leaving unsaid fields to the core', () => {
    const draft = {
      ...draftFromRequest({ product: 'Serum Novilla 30 ml', price: 'Rp149.000' }, 300),
      product: '  Serum  ',
    };
    expect(requestFromDraft(draft)).toEqual({
      request: { product: 'Serum', price: 'Rp149.000', seconds: 300 },
    });
    expect(requestFromDraft({ ...draft, stock: '12', leadIn: '2:00' })).toMatchObject({
      request: { stock: 12, starts_in: 120 },
    });
  });

  it('points at the field that cannot be sent', () => {
    const draft = draftFromRequest({ product: 'Serum Novilla 30 ml', price: 'Rp149.000' }, 300);
    expect(requestFromDraft({ ...draft, product: ' ' })).toEqual({
      problem: { field: 'product', message: 'dropProductMissing' },
    });
    expect(requestFromDraft({ ...draft, window: '5:75' })).toMatchObject({
      problem: { field: 'window' },
    });
    expect(requestFromDraft({ ...draft, stock: '2.5' })).toMatchObject({
      problem: { field: 'stock' },
    });
    expect(requestFromDraft({ ...draft, leadIn: 'soon' })).toMatchObject({
      problem: { field: 'leadIn' },
    });
  });
});

describe('the drops list', () => {
  it('puts open drops first, soonest deadline on top, then closed ones newest first', () => {
    const a = flashSale({ id: 'a', deadline: '2025-05-25T12:05:00.000Z' });
    const b = flashSale({ id: 'b', state: 'closed', end_reason: 'expired' });
    const c = flashSale({ id: 'c', state: 'ending', deadline: '2025-05-25T12:01:00.000Z' });
    const d = flashSale({ id: 'd', state: 'closed', end_reason: 'closed' });
    expect(orderDrops([a, b, c, d]).map((drop) => drop.id)).toEqual(['c', 'a', 'd', 'b']);
  });

  it('says each state, and how a closed drop ended', () => {
    expect(dropStatusKey(flashSale({ state: 'upcoming' }))).toBe('dropUpcoming');
    expect(dropStatusKey(flashSale({ state: 'ending' }))).toBe('dropPayBefore');
    expect(dropStatusKey(flashSale({ state: 'closed', end_reason: 'expired' }))).toBe(
      'dropExpired',
    );
    expect(dropStatusKey(flashSale({ state: 'closed', end_reason: 'closed' }))).toBe(
      'dropClosedByHand',
    );
  });
});
