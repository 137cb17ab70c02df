// The drops as cards, for the countdown overlay and the host view alike: each page builds its
// own card, this keeps one card per drop, in the server's order, and fills it in on every render.

import type { FlashSale } from '../lib/bindings/FlashSale';
import { formatClock } from '../lib/time';
import { urgencyAt } from '../lib/urgency';
import { phaseOf } from './drops-on-screen';
import { setText } from './page';

/** The parts of a card a page built, which a render fills in. */
export type DropCard = {
  node: HTMLElement;
  label: HTMLElement;
  time: HTMLElement;
  product: HTMLElement;
  price: HTMLElement;
  stock: HTMLElement;
};

export class DropCards {
  #cards = new Map<string, DropCard>();

  /** Cards go in `list`; `make()` builds an empty one. */
  constructor(
    private readonly list: HTMLElement,
    private readonly make: () => DropCard,
  ) {}

  /**
   * Shows `sales` (DropsOnScreen's `read`), each with `remainingOf(sale)` ms left on its
   * countdown: `labelOf(sale)` says what the clock counts to, `stockText(n)` how many are left.
   * Only text and data attributes change, so a 10 Hz render does not rebuild the cards, and
   * product names go in as text.
   */
  render(
    sales: readonly FlashSale[],
    remainingOf: (sale: FlashSale) => number,
    labelOf: (sale: FlashSale) => string,
    stockText: (stock: number) => string,
  ): void {
    const ids = new Set<string>();
    for (const sale of sales) {
      ids.add(sale.id);
      let card = this.#cards.get(sale.id);
      if (card === undefined) {
        card = this.make();
        this.#cards.set(sale.id, card);
      }
      // Cards follow the server's order (oldest first); ones on their way out end up last.
      const slot = this.list.children[ids.size - 1] ?? null;
      if (card.node !== slot) this.list.insertBefore(card.node, slot);
      const remaining = remainingOf(sale);
      card.node.dataset.phase = phaseOf(sale);
      card.node.dataset.urgency = urgencyAt(sale, remaining);
      setText(card.label, labelOf(sale));
      setText(card.time, formatClock(remaining));
      setText(card.product, sale.product);
      setText(card.price, sale.price);
      setText(card.stock, sale.stock === null ? '' : stockText(sale.stock));
      card.stock.hidden = sale.stock === null;
    }
    for (const [id, card] of this.#cards) {
      if (!ids.has(id)) {
        card.node.remove();
        this.#cards.delete(id);
      }
    }
  }
}
