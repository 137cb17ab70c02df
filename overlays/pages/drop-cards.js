// The drops as cards, for the overlay and the host view alike: each page builds its own card,
// this keeps one card per drop, in the server's order, and fills it in on every render.

import { formatClock, setText } from "./common.js";
import { urgencyOf } from "./drop-timers.js";

export class DropCards {
  /** id → the card: `{ node, label, time, product, price, stock }`, as `make` built it. */
  #cards = new Map();

  /** Cards go in `list`; `make()` builds an empty one. */
  constructor(list, make) {
    this.list = list;
    this.make = make;
  }

  /**
   * Shows `shown` (DropTimers' `read`): `labelOf(drop)` says what a card's clock counts to,
   * `stockText(n)` how many are left. Only text and data attributes change, so a 10 Hz render
   * does not rebuild the cards, and product names go in as text.
   */
  render(shown, labelOf, stockText) {
    const ids = new Set();
    for (const drop of shown) {
      const { sale, phase, seconds } = drop;
      ids.add(sale.id);
      let card = this.#cards.get(sale.id);
      if (!card) {
        card = this.make();
        this.#cards.set(sale.id, card);
      }
      // Cards follow the server's order (oldest first); ones on their way out end up last.
      const slot = this.list.children[ids.size - 1] ?? null;
      if (card.node !== slot) this.list.insertBefore(card.node, slot);
      card.node.dataset.phase = phase;
      card.node.dataset.urgency = urgencyOf(drop);
      setText(card.label, labelOf(drop));
      setText(card.time, formatClock(seconds));
      setText(card.product, sale.product);
      setText(card.price, sale.price);
      setText(card.stock, sale.stock === null ? "" : stockText(sale.stock));
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
