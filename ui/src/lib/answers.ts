// Answer cards: how a card's missing facts read. What a card says and which facts it lacks is
// decided in Rust (src/answers/); this only names the facts in the reader's language.

import type { Fact } from './bindings/Fact';
import type { QuestionKind } from './bindings/QuestionKind';
import { locale, type MessageKey } from './i18n.svelte';

const FACT_LABEL: Record<Fact, MessageKey> = {
  material: 'factMaterial',
  sizes: 'factSizes',
  colours: 'factColours',
  stock: 'factStock',
  price: 'factPrice',
  promo_price: 'factPromoPrice',
  shipping: 'factShipping',
  cod: 'factCod',
  warranty: 'factWarranty',
  returns: 'factReturns',
};

/** A fact's name, e.g. "ukuran". */
export function factLabel(fact: Fact): string {
  return locale.t(FACT_LABEL[fact]);
}

/** "belum ada info: ukuran" for a card that lacks `facts`; empty when it lacks none. */
export function missingFacts(facts: readonly Fact[]): string {
  if (facts.length === 0) return '';
  return locale.t('answerMissing', { facts: facts.map(factLabel).join(', ') });
}

const KIND_LABEL: Record<QuestionKind, MessageKey> = {
  material: 'questionKindMaterial',
  size: 'questionKindSize',
  colour: 'questionKindColour',
  stock: 'questionKindStock',
  ready: 'questionKindReady',
  price: 'questionKindPrice',
  shipping: 'questionKindShipping',
  cod: 'questionKindCod',
  warranty: 'questionKindWarranty',
};

/** What a question asks about, e.g. "ukuran"; "lainnya" for a question no fact answers. */
export function questionKindLabel(kind: QuestionKind | null): string {
  return locale.t(kind === null ? 'questionKindOther' : KIND_LABEL[kind]);
}
