// Server-renders the answer card under the next question in the "Belum dijawab" lane (the
// answer, or the facts it lacks with a quick add for each) and Pengaturan's shop facts. Answers
// and products come from the run sheet and the co-host, questions from strangers: text only.

import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';

const { shopFactsGet } = vi.hoisted(() => ({ shopFactsGet: vi.fn() }));
vi.mock('../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../api')>()),
  shopFactsGet,
}));

import type { AnswerCard } from '../bindings/AnswerCard';
import type { NextQuestion } from '../bindings/NextQuestion';
import { ClockStore } from '../clock.svelte';
import { FeedbackStore } from '../feedback.svelte';
import { ShopFactsEditor } from '../shop-facts.svelte';
import { Tagging } from '../tagging.svelte';
import { clockState, feedbackEntry, runSheetState, textOf } from '../test-fixtures';
import QuestionLane from './QuestionLane.svelte';
import ShopFactsSection from './ShopFactsSection.svelte';

const XSS = '<img src=x onerror=alert(1)>';

const QUESTION: NextQuestion = {
  feedback_id: 1,
  comment_id: 'm1',
  ts: 100,
  nickname: 'Budi',
  text: 'ukurannya apa aja kak?',
  product: null,
  waiting: 0,
};

function card(overrides: Partial<AnswerCard> = {}): AnswerCard {
  return {
    comment_id: 'm1',
    kind: 'size',
    product: 'Serum Novilla 30 ml',
    answer: null,
    missing: [],
    edited: false,
    ...overrides,
  };
}

/** The lane with `shown` beside the next question; `queued` puts it in the queue (else suggested). */
function lane(shown: AnswerCard | null, onAir: number | null = 0, queued = true): string {
  const feedback = new FeedbackStore();
  feedback.setState({
    session: 7,
    entries: queued ? [feedbackEntry({ id: 1, comment_id: 'm1', text: QUESTION.text })] : [],
  });
  feedback.apply({
    type: 'question',
    question: queued ? QUESTION : { ...QUESTION, feedback_id: null },
    card: shown,
  });
  const clock = new ClockStore();
  clock.set(clockState({ run_sheet: runSheetState({ slot: onAir }) }), 0);
  return render(QuestionLane, {
    props: { feedback, tagging: new Tagging(feedback), clock },
  }).body;
}

describe('the answer card in the lane', () => {
  it('shows the answer under the next question, as text', () => {
    const body = lane(card({ answer: XSS, product: XSS }));
    expect(body).not.toContain('<img src=x');
    const next = body.split('data-testid="lane-question"')[1];
    expect(next).toContain('data-testid="answer-card"');
    expect(textOf(body, 'answer-card-answer', 'p')).toBe(XSS);
    expect(textOf(body, 'answer-card-product', 'span')).toBe(`untuk ${XSS}`);
    expect(textOf(body, 'answer-card-edit', 'button')).toBe('Ubah jawaban');
    expect(body).not.toContain('data-testid="answer-card-edited"');
    expect(body).not.toContain('data-testid="answer-card-missing"');
  });

  it('marks an answer the co-host edited, with the way back to the facts', () => {
    const body = lane(card({ answer: 'Ada S sampai XL kak', edited: true }));
    expect(body).toContain('data-edited="true"');
    expect(textOf(body, 'answer-card-edited', 'span')).toBe('diubah');
    expect(textOf(body, 'answer-card-revert', 'button')).toBe('Pakai kalimat dari fakta');
  });

  it('says which facts are missing, with a quick add for each on the slot on air', () => {
    const body = lane(card({ kind: 'warranty', missing: ['sizes', 'cod'] }));
    expect(textOf(body, 'answer-card-missing', 'p')).toBe('belum ada info: ukuran, COD');
    expect(body).toMatch(/data-testid="answer-card-add"[^>]*data-fact="sizes"/);
    expect(body).toMatch(/data-testid="answer-card-add-input"[^>]*placeholder="Tambah ukuran…"/);
    expect(textOf(body, 'answer-card-cod-yes', 'button')).toBe('Bisa COD');
    expect(textOf(body, 'answer-card-cod-no', 'button')).toBe('Tidak bisa COD');
    expect(body).toContain('title="Simpan ke fakta Serum Novilla 30 ml di susunan acara"');
    expect(body).not.toContain('data-testid="answer-card-answer"');
  });

  it('points to the run sheet when no slot is on air', () => {
    const body = lane(card({ product: null, missing: ['sizes'] }), null);
    expect(textOf(body, 'answer-card-missing', 'p')).toBe('belum ada info: ukuran');
    expect(body).toContain('data-testid="answer-card-no-slot"');
    expect(body).not.toContain('data-testid="answer-card-add"');
  });

  it('shows beside the rules’ suggestion too', () => {
    const body = lane(card({ answer: 'Ukurannya S sampai XL' }), 0, false);
    expect(textOf(body, 'lane-suggested-next', 'div')).toContain('ukurannya apa aja kak?');
    expect(textOf(body, 'answer-card-answer', 'p')).toBe('Ukurannya S sampai XL');
  });

  it('is not shown without a card, or with another question’s', () => {
    expect(lane(null)).not.toContain('data-testid="answer-card"');
    expect(lane(card({ comment_id: 'm9', answer: 'x' }))).not.toContain(
      'data-testid="answer-card"',
    );
  });
});

describe('the shop facts section', () => {
  it('shows the facts read from the core in their fields, as text', async () => {
    shopFactsGet.mockResolvedValueOnce({
      shipping: `JNE ${XSS}`,
      cod: false,
      warranty: null,
      returns: 'tukar ukuran 3 hari',
      service_hours: 'Senin–Sabtu 08.00–17.00',
    });
    const editor = new ShopFactsEditor();
    await editor.load();
    const { body } = render(ShopFactsSection, { props: { editor } });
    expect(body).not.toContain('<img src=x');
    expect(body).toContain('Fakta toko');
    expect(body).toMatch(
      /data-testid="shop-facts-shipping"[^>]*value="JNE &lt;img src=x onerror=alert\(1\)>"/,
    );
    expect(body).toMatch(/data-testid="shop-facts-warranty"[^>]*value=""/);
    expect(body).toMatch(/data-testid="shop-facts-returns"[^>]*value="tukar ukuran 3 hari"/);
    expect(body).toMatch(/data-testid="shop-facts-service_hours"[^>]*value="Senin–Sabtu/);
    expect(body).toMatch(/<option value="no" selected[^>]*>Tidak bisa COD/);
    for (const label of [
      'Pengiriman',
      'COD',
      'Garansi',
      'Retur',
      'Jam layanan CS',
      'Belum diisi',
    ]) {
      expect(body).toContain(label);
    }
    expect(textOf(body, 'shop-facts-save', 'button')).toBe('Simpan fakta toko');
  });

  it('says why when the facts could not be read', async () => {
    shopFactsGet.mockRejectedValueOnce({ code: 'not_running', message: 'no archive' });
    const editor = new ShopFactsEditor();
    await editor.load();
    const { body } = render(ShopFactsSection, { props: { editor } });
    expect(textOf(body, 'shop-facts-load-error', 'p')).toBe(
      'Fakta toko tidak bisa dibaca: Pandu belum berjalan: no archive',
    );
    expect(body).not.toContain('data-testid="shop-facts-save"');
  });
});
