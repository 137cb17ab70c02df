import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type Params } from './i18n.svelte';
import {
  currentSlot,
  duplicateRow,
  emptyFacts,
  emptyRow,
  factText,
  filledFacts,
  insertRow,
  moveItem,
  removeItem,
  rowFromSlot,
  rowsFromSheet,
  sheetFromRows,
  slotFromRow,
  slotTimeText,
} from './runsheet';
import { runSheetState, slot } from './test-fixtures';

const id = (key: MessageKey, params?: Params) => translate('id', key, params);

describe('list operations', () => {
  const list = ['a', 'b', 'c', 'd'];

  it('move an item up, down, and clamp at the ends', () => {
    expect(moveItem(list, 2, 1)).toEqual(['a', 'c', 'b', 'd']);
    expect(moveItem(list, 0, 3)).toEqual(['b', 'c', 'd', 'a']);
    expect(moveItem(list, 0, -1)).toEqual(list);
    expect(moveItem(list, 3, 4)).toEqual(list);
    expect(moveItem(list, 9, 0)).toEqual(list);
    expect(list).toEqual(['a', 'b', 'c', 'd']);
  });

  it('remove one item', () => {
    expect(removeItem(list, 1)).toEqual(['a', 'c', 'd']);
    expect(removeItem(list, 9)).toEqual(list);
  });

  it('duplicate a row right after itself, under a key of its own', () => {
    const rows = rowsFromSheet({ slots: [slot(), slot({ product: 'Toner' })] });
    const next = duplicateRow(rows, 0);
    expect(next.map((row) => row.product)).toEqual([
      'Serum Novilla 30 ml',
      'Serum Novilla 30 ml',
      'Toner',
    ]);
    expect(new Set(next.map((row) => row.key)).size).toBe(3);
    expect(rows).toHaveLength(2);
  });

  it('insert an empty slot after a row, or at the end', () => {
    const rows = [emptyRow(), emptyRow()];
    rows[0]!.product = 'first';
    expect(insertRow(rows, 0).map((row) => row.product)).toEqual(['first', '', '']);
    expect(insertRow(rows)).toHaveLength(3);
    expect(emptyRow().duration).toBe('10:00');
  });
});

describe('slots as typed', () => {
  it('round-trip through the editor', () => {
    const slots = [
      slot({ drop: { price: 'Rp99.000', seconds: 180, stock: 20 } }),
      slot({
        product: 'Toner',
        seconds: 65,
        drop: { price: 'Rp49.000', seconds: null, stock: null },
      }),
      slot({ product: 'Masker', drop: null, template: 'payday-sale' }),
    ];
    const rows = rowsFromSheet({ slots });
    expect(rows[1]).toMatchObject({ duration: '1:05', dropPrice: 'Rp49.000', dropWindow: '' });
    expect(rows.map((row) => row.template)).toEqual(['', '', 'payday-sale']);
    expect(sheetFromRows(' Payday ', rows)).toEqual({ sheet: { name: 'Payday', slots } });
  });

  it('report the first row and field that cannot be read', () => {
    const good = rowFromSlot(slot());
    expect(sheetFromRows('x', [good, { ...good, duration: '10 menit' }])).toEqual({
      problem: { row: 1, field: 'duration', message: 'timeInvalid' },
    });
    expect(sheetFromRows('x', [{ ...good, product: '' }])).toMatchObject({
      problem: { row: 0, field: 'product' },
    });
    const planned = { ...good, dropPrice: 'Rp1', dropStock: 'banyak' };
    expect(sheetFromRows('x', [planned])).toMatchObject({ problem: { field: 'dropStock' } });
    expect(sheetFromRows('x', [{ ...planned, dropStock: '', dropWindow: '9:99' }])).toMatchObject({
      problem: { field: 'dropWindow' },
    });
    expect(sheetFromRows('  ', [good])).toEqual({
      problem: { row: null, message: 'runSheetNameMissing' },
    });
  });

  it('keep a TikTok product id as digits, and refuse anything else', () => {
    const linked = rowFromSlot(slot({ tiktok_product_id: '1729384756120384512' }));
    expect(linked.tiktokProductId).toBe('1729384756120384512');
    expect(sheetFromRows('x', [{ ...linked, tiktokProductId: ' 42 ' }])).toMatchObject({
      sheet: { slots: [{ tiktok_product_id: '42' }] },
    });
    expect(sheetFromRows('x', [{ ...linked, tiktokProductId: '' }])).toMatchObject({
      sheet: { slots: [{ tiktok_product_id: null }] },
    });
    expect(sheetFromRows('x', [{ ...linked, tiktokProductId: 'daster-01' }])).toEqual({
      problem: { row: 0, field: 'tiktokProductId', message: 'tiktokProductIdInvalid' },
    });
  });

  it('ignore a drop’s window and stock while it has no price', () => {
    const row = { ...rowFromSlot(slot()), dropWindow: 'x', dropStock: 'y' };
    expect(sheetFromRows('x', [row])).toMatchObject({ sheet: { slots: [{ drop: null }] } });
  });
});

describe('a slot’s product facts', () => {
  const facts = {
    ...emptyFacts(),
    material: 'voal premium, adem',
    sizes: 'S: LD 96\nM: LD 100',
    cod: false,
    qa: [{ question: 'bisa buat hamil?', answer: 'bisa kak, bahannya melar' }],
  };

  it('round-trip through the editor, and a duplicate owns its copy', () => {
    const slots = [slot({ facts }), slot({ product: 'Toner' })];
    const rows = rowsFromSheet({ slots });
    expect(rows[0]!.facts).toEqual(facts);
    expect(rows[0]!.facts).not.toBe(facts);
    expect(sheetFromRows('Payday', rows)).toEqual({ sheet: { name: 'Payday', slots } });

    // The editor's rows are Svelte state: proxies, which structuredClone refuses.
    const proxied = [{ ...rows[0]!, facts: new Proxy(rows[0]!.facts, {}) }];
    const copy = duplicateRow(proxied, 0)[1]!;
    copy.facts.qa[0]!.answer = 'tidak';
    expect(rows[0]!.facts.qa[0]!.answer).toBe('bisa kak, bahannya melar');
  });

  it('save emptied text as no fact, trimmed text as typed', () => {
    expect(factText('')).toBeNull();
    expect(factText('  \n')).toBeNull();
    expect(factText(' voal ')).toBe(' voal ');
    const row = rowFromSlot(slot());
    row.facts = { ...facts, material: '  voal  ', colours: '', stock: ' ', shipping: ' JNE\n' };
    const read = slotFromRow(row);
    expect(read).toMatchObject({
      slot: {
        facts: { material: 'voal', colours: null, stock: null, shipping: 'JNE', cod: false },
      },
    });
  });

  it('drop a question left empty on both sides, and refuse one with a side missing', () => {
    const row = rowFromSlot(slot());
    row.facts.qa = [
      { question: '  ', answer: '' },
      { question: ' ready? ', answer: ' ready kak ' },
    ];
    expect(slotFromRow(row)).toMatchObject({
      slot: { facts: { qa: [{ question: 'ready?', answer: 'ready kak' }] } },
    });
    const good = rowFromSlot(slot());
    const half = { ...row, facts: { ...row.facts, qa: [{ question: 'ada XL?', answer: ' ' }] } };
    const read = sheetFromRows('x', [good, half]);
    expect(read).toEqual({ problem: { row: 1, field: 'facts', message: 'factsQaHalf' } });
    const { message } = (read as { problem: { message: MessageKey } }).problem;
    expect(id('slotProblem', { n: 2, message: id(message) })).toBe(
      'Slot 2: lengkapi tanya-jawab di Fakta produk: isi pertanyaan dan jawabannya, atau kosongkan keduanya.',
    );
    const answerOnly = { ...row, facts: { ...row.facts, qa: [{ question: '', answer: 'bisa' }] } };
    expect(slotFromRow(answerOnly)).toMatchObject({ problem: { message: 'factsQaHalf' } });
    const bar = { ...row, facts: { ...row.facts, qa: [{ question: 'S | M?', answer: 'ya' }] } };
    expect(slotFromRow(bar)).toMatchObject({ problem: { message: 'factsQaBar' } });
  });

  it('refuse more questions than the core keeps', () => {
    const row = rowFromSlot(slot());
    row.facts.qa = Array.from({ length: 51 }, (_, n) => ({ question: `q${n}`, answer: 'a' }));
    expect(slotFromRow(row)).toMatchObject({ problem: { message: 'factsQaTooMany' } });
    row.facts.qa.pop();
    expect(slotFromRow(row)).toMatchObject({ slot: { facts: { qa: { length: 50 } } } });
  });

  it('count what is filled', () => {
    expect(filledFacts(emptyFacts())).toBe(0);
    expect(filledFacts(facts)).toBe(4);
    expect(filledFacts({ ...facts, sizes: '  ', qa: [{ question: '', answer: '' }] })).toBe(2);
  });
});

describe('the current slot', () => {
  it('is the slot the live is on, or none before the start', () => {
    expect(currentSlot(null)).toBeNull();
    expect(currentSlot(runSheetState())).toBeNull();
    expect(currentSlot(runSheetState({ slot: 1 }))?.product).toBe('Toner Avenco');
  });

  it('says time left, or how far over time', () => {
    expect(slotTimeText(252_000, id)).toBe('4:12');
    expect(slotTimeText(-65_000, id)).toBe('+1:05 lewat');
  });
});
