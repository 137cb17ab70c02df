// Server-renders the flash-sale and run-sheet views: the countdown wording, the hooks the
// end-to-end test clicks, and that product names typed by people stay text.

import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { ClockStore } from '../clock.svelte';
import { clockState, flashSale, runSheetState, slot, textOf, visibleText } from '../test-fixtures';
import AlertToast from './AlertToast.svelte';
import DropItem from './DropItem.svelte';
import DropsPanel from './DropsPanel.svelte';
import RunSheetControls from './RunSheetControls.svelte';
import SlotRowEditor from './SlotRowEditor.svelte';
import SlotStrip from './SlotStrip.svelte';
import { emptyFacts, factText, rowFromSlot, sheetFromRows, type SlotRow } from '../runsheet';

const XSS = '<img src=x onerror=alert(1)>';

function clockWith(overrides: Parameters<typeof clockState>[0]): ClockStore {
  const clock = new ClockStore();
  clock.set(clockState(overrides), 0);
  return clock;
}

describe('a drop', () => {
  it('renders a product’s markup as text', () => {
    const drop = flashSale({ product: XSS, price: '<b>Rp1</b>' });
    const { body } = render(DropItem, { props: { drop, remaining: 252_000 } });
    expect(body).not.toContain('<img src=x');
    expect(body).not.toContain('<b>');
    expect(textOf(body, 'drop-product', 'span')).toBe(XSS);
  });

  it('says how long buyers have to pay, with its stock and buttons', () => {
    const { body } = render(DropItem, { props: { drop: flashSale(), remaining: 252_000 } });
    expect(body).toContain('data-state="running"');
    expect(textOf(body, 'drop-status', 'span')).toBe('Bayar sebelum');
    expect(textOf(body, 'drop-time', 'strong')).toBe('4:12');
    expect(body).toContain('sisa 20');
    for (const testid of ['drop-extend-30', 'drop-extend-60', 'drop-close']) {
      expect(body).toContain(`data-testid="${testid}"`);
    }
  });

  it('counts a lead-in, and greys a closed drop with how it ended', () => {
    const upcoming = render(DropItem, {
      props: { drop: flashSale({ state: 'upcoming' }), remaining: 90_000 },
    }).body;
    expect(visibleText(upcoming)).toContain('Mulai dalam 1:30');
    const closed = render(DropItem, {
      props: {
        drop: flashSale({ state: 'closed', end_reason: 'closed', ended_at: null }),
        remaining: 0,
      },
    }).body;
    expect(closed).toMatch(/class="drop closed/);
    expect(textOf(closed, 'drop-status', 'span')).toBe('Selesai — ditutup manual');
    expect(closed).not.toContain('data-testid="drop-close"');
  });
});

describe('the urgency a drop shows', () => {
  // The marks come with the drop from the core, from the user's [clock] settings.
  const urgencyOf = (marks: { ending_ms: number; final_ms: number }, remaining: number) =>
    render(DropItem, {
      props: {
        drop: flashSale({ ...marks, state: 'running', remaining_ms: remaining }),
        remaining,
      },
    }).body.match(/data-urgency="([a-z]+)"/)?.[1];

  it('follows the settings in force, not a number of its own', () => {
    const defaults = { ending_ms: 60_000, final_ms: 30_000 };
    const custom = { ending_ms: 90_000, final_ms: 45_000 };
    expect(urgencyOf(defaults, 75_000)).toBe('normal');
    expect(urgencyOf(custom, 75_000)).toBe('ending');
    expect(urgencyOf(defaults, 40_000)).toBe('ending');
    expect(urgencyOf(custom, 40_000)).toBe('final');
    expect(urgencyOf(defaults, 29_000)).toBe('final');
  });
});

describe('the drops panel', () => {
  it('lists every drop of the session, open ones first', () => {
    const clock = clockWith({
      flash_sales: [
        flashSale({ id: 'fs-old', state: 'closed', end_reason: 'expired', product: 'Lama' }),
        flashSale({ id: 'fs-new', product: XSS }),
      ],
    });
    const { body } = render(DropsPanel, {
      props: { clock, defaultSeconds: 300, active: true, hotkey: 'CmdOrCtrl+Shift+D' },
    });
    expect(body).toContain('data-testid="drops-panel"');
    expect(body).toContain('data-testid="drop-new"');
    expect(body.indexOf('data-id="fs-new"')).toBeLessThan(body.indexOf('data-id="fs-old"'));
    expect(body).not.toContain('<img src=x');
    expect(body).toContain('Ctrl+Shift+D');
  });

  it('tells how to start one when there is none', () => {
    const { body } = render(DropsPanel, {
      props: { clock: clockWith({}), defaultSeconds: 300, active: true, hotkey: null },
    });
    expect(visibleText(body)).toContain('Tekan F untuk memulai satu.');
  });
});

describe('the slot strip', () => {
  it('shows the current slot, its time over, and the next product', () => {
    const clock = clockWith({
      run_sheet: runSheetState({ slot: 0, slot_remaining_ms: -65_000, slot_seconds: 900 }),
    });
    const { body } = render(SlotStrip, { props: { clock, compact: true, testid: 'slot' } });
    expect(textOf(body, 'slot-product', 'strong')).toBe('Serum Novilla 30 ml');
    expect(textOf(body, 'slot-time', 'span')).toBe('+1:05 lewat');
    expect(body).toContain('Berikutnya: Toner Avenco');
    expect(body).toContain('data-testid="slot-next"');
    expect(body).toContain('data-testid="slot-pause"');
    expect(body).not.toContain('data-testid="slot-previous"');
  });

  it('turns to its heads-up at the mark the settings gave', () => {
    const phaseOf = (heads_up_ms: number) => {
      const clock = clockWith({
        run_sheet: runSheetState({
          slot: 0,
          slot_remaining_ms: 100_000,
          slot_seconds: 900,
          heads_up_ms,
        }),
      });
      const { body } = render(SlotStrip, { props: { clock, testid: 'slot' } });
      return body.match(/data-phase="([a-z_]+)"/)?.[1];
    };
    expect(phaseOf(60_000)).toBe('on_time');
    expect(phaseOf(120_000)).toBe('heads_up');
  });

  it('says which product the host pinned in TikTok, and when the sheet lacks it', () => {
    const pinned = (slot: number | null) =>
      clockWith({
        run_sheet: runSheetState({
          slot: 0,
          pinned: { product_id: '7301', title: '<b>Lampu</b> LED', slot, at: 1 },
        }),
      });
    const followed = render(SlotStrip, { props: { clock: pinned(0), testid: 'slot' } }).body;
    expect(textOf(followed, 'slot-pinned', 'span')).toBe('Dipin di TikTok: <b>Lampu</b> LED');
    expect(followed).not.toContain('class="pinned mismatch');
    const missing = render(SlotStrip, { props: { clock: pinned(null), testid: 'slot' } }).body;
    expect(textOf(missing, 'slot-pinned', 'span')).toBe(
      'Dipin di TikTok: <b>Lampu</b> LED · tidak ada di susunan acara',
    );
    expect(missing).not.toContain('<b>');
  });

  it('offers to start a loaded sheet', () => {
    const clock = clockWith({ run_sheet: runSheetState() });
    const { body } = render(SlotStrip, { props: { clock, testid: 'run-sheet' } });
    expect(body).toContain('data-testid="run-sheet-start"');
    expect(visibleText(body)).toContain('Susunan acara “Payday” siap');
  });
});

describe('the run-sheet buttons', () => {
  const hotkeys = {
    drop: 'CmdOrCtrl+D',
    next_slot: 'CmdOrCtrl+N',
    pause: 'CmdOrCtrl+P',
    answered: 'CmdOrCtrl+A',
  };
  const button = (body: string, testid: string) =>
    body.match(new RegExp(`<button[^>]*data-testid="${testid}"[^>]*>`))?.[0] ?? '';

  it('say their global hotkey in the title, and only those that have one', () => {
    const sheet = runSheetState({ slot: 1, slot_remaining_ms: 60_000, slot_seconds: 900 });
    const { body } = render(RunSheetControls, { props: { sheet, testid: 'rs', hotkeys } });
    expect(button(body, 'rs-next')).toContain('title="Berikutnya · ');
    expect(button(body, 'rs-next')).toContain('Ctrl+N');
    expect(button(body, 'rs-pause')).toContain('Ctrl+P');
    expect(button(body, 'rs-previous')).not.toContain('title=');
    expect(button(body, 'rs-previous')).not.toContain('disabled');
    expect(body).toContain('data-testid="rs-extend"');
  });

  it('start a loaded sheet, and not an empty one', () => {
    const start = (sheet: ReturnType<typeof runSheetState>) =>
      button(render(RunSheetControls, { props: { sheet, testid: 'rs' } }).body, 'rs-start');
    expect(start(runSheetState())).not.toContain('disabled');
    expect(start(runSheetState())).not.toContain('title=');
    expect(start(runSheetState({ slots: [] }))).toContain('disabled');
  });
});

describe('a run-sheet row', () => {
  it('holds the slot’s fields and is marked when current', () => {
    const row = rowFromSlot(slot({ product: XSS }));
    const { body } = render(SlotRowEditor, {
      props: {
        row,
        index: 2,
        current: true,
        timeLeft: -65_000,
        invalid: 'duration',
        dragging: false,
        onmove: () => {},
        onduplicate: () => {},
        onremove: () => {},
        ondragstart: () => {},
      },
    });
    expect(body).toContain('data-testid="run-sheet-row"');
    expect(body).toContain('data-row-index="2"');
    expect(body).toContain('aria-current="step"');
    expect(textOf(body, 'run-sheet-row-time', 'span')).toBe('+1:05 lewat');
    expect(body).not.toContain('<img src=x');
    expect(body).toMatch(/data-testid="slot-duration-input"[^>]*aria-invalid="true"/);
  });
});

describe('a run-sheet row’s product facts', () => {
  const rowProps = (row: SlotRow, invalid: 'facts' | null = null) => ({
    props: {
      row,
      index: 0,
      current: false,
      timeLeft: null,
      invalid,
      dragging: false,
      onmove: () => {},
      onduplicate: () => {},
      onremove: () => {},
      ondragstart: () => {},
    },
  });
  const valueOf = (body: string, testid: string): string | undefined =>
    body.match(new RegExp(`data-testid="${testid}"(?:[^>"]|"[^"]*")*?\\svalue="([^"]*)"`))?.[1];

  it('fold under the slot, counted, with the slot’s prices as defaults', () => {
    const row = rowFromSlot(
      slot({
        price: 'Rp149.000',
        drop: { price: 'Rp99.000', seconds: null, stock: null },
        facts: {
          ...emptyFacts(),
          material: XSS,
          sizes: 'S: LD 96\nM: LD 100',
          cod: false,
          qa: [{ question: 'bisa buat hamil?', answer: XSS }],
        },
      }),
    );
    const { body } = render(SlotRowEditor, rowProps(row));
    expect(body).toMatch(/<details [^>]*data-testid="slot-facts"/);
    expect(body).not.toMatch(/<details [^>]*\sopen/);
    expect(textOf(body, 'slot-facts-summary', 'summary')).toMatch(/^Fakta produk · 4 /);
    expect(body).not.toContain('<img src=x');
    expect(valueOf(body, 'slot-fact-material')).toBe('&lt;img src=x onerror=alert(1)>');
    expect(textOf(body, 'slot-fact-sizes', 'textarea')).toBe('S: LD 96 M: LD 100');
    expect(body).toMatch(
      /data-testid="slot-fact-price"[^>]*placeholder="Rp149\.000 \(harga slot\)"/,
    );
    expect(body).toMatch(
      /data-testid="slot-fact-promo_price"[^>]*placeholder="Rp99\.000 \(harga flash sale\)"/,
    );
    expect(body).toMatch(
      /data-testid="slot-fact-shipping"[^>]*placeholder="ikuti pengaturan toko"/,
    );
    expect(body).toMatch(/<option value="false" selected[^>]*>Tidak bisa COD</);
    expect(valueOf(body, 'slot-qa-question')).toBe('bisa buat hamil?');
    expect(textOf(body, 'slot-qa-add', 'button')).toBe('+ Tambah tanya-jawab');

    const empty = render(SlotRowEditor, rowProps(rowFromSlot(slot({ price: '' })))).body;
    expect(textOf(empty, 'slot-facts-summary', 'summary')).toMatch(/^Fakta produk dibaca/);
    expect(empty).toMatch(/<option value="" selected[^>]*>Ikuti pengaturan toko</);
    expect(empty).toMatch(/data-testid="slot-fact-price"[^>]*placeholder="opsional"/);
    expect(empty).not.toContain('data-testid="slot-qa-pair"');
  });

  it('keep a typed material for the saved slot', () => {
    const row = rowFromSlot(slot());
    // What the Bahan box's input handler stores as the co-host types (the tests have no DOM).
    row.facts.material = factText('voal premium, adem ');
    const { body } = render(SlotRowEditor, rowProps(row));
    expect(valueOf(body, 'slot-fact-material')).toBe('voal premium, adem ');
    expect(textOf(body, 'slot-facts-summary', 'summary')).toMatch(/^Fakta produk · 1 /);
    expect(sheetFromRows('Payday', [row])).toMatchObject({
      sheet: { slots: [{ facts: { material: 'voal premium, adem', colours: null } }] },
    });
    row.facts.material = factText('');
    expect(row.facts.material).toBeNull();
  });

  it('mark the side a question lacks after a save that could not read it', () => {
    const row = rowFromSlot(
      slot({
        facts: { ...emptyFacts(), qa: [{ question: 'ada XL?', answer: ' ' }] },
      }),
    );
    expect(sheetFromRows('x', [row])).toMatchObject({ problem: { row: 0, field: 'facts' } });
    const { body } = render(SlotRowEditor, rowProps(row, 'facts'));
    expect(body).toMatch(/<details class="facts[^"]*invalid"/);
    expect(body).toMatch(/data-testid="slot-qa-question"[^>]*aria-invalid="false"/);
    expect(body).toMatch(/data-testid="slot-qa-answer"[^>]*aria-invalid="true"/);
    const quiet = render(SlotRowEditor, rowProps(row)).body;
    expect(quiet).toMatch(/data-testid="slot-qa-answer"[^>]*aria-invalid="false"/);
  });
});

describe('an alert toast', () => {
  it('renders the product as text', () => {
    const alert = {
      kind: 'flash_sale_warning' as const,
      flash_sale: 'fs-1',
      product: XSS,
      seconds_left: 30,
    };
    const { body } = render(AlertToast, { props: { alert, ondismiss: () => {} } });
    expect(body).not.toContain('<img src=x');
    expect(body).toContain('role="alert"');
    expect(visibleText(body)).toContain(`Sisa 0:30 untuk bayar — ${XSS}`);
  });
});
