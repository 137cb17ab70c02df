// Keyboard selection in the feed: which row the arrow keys land on. Rows are identified by
// `seq` (stable while rows come and go), and rows are sorted by it, so lookups are a bisection.

export type Keyed = { seq: number };

/** The index of the row with `seq`, or -1 when it has left the list (or never was in it). */
export function indexOfSeq(rows: readonly Keyed[], seq: number | null): number {
  if (seq === null) return -1;
  let low = 0;
  let high = rows.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = rows[middle]!.seq;
    if (found === seq) return middle;
    if (found < seq) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

export const SELECTION_KEYS = new Set(['ArrowUp', 'ArrowDown', 'Home', 'End']);

/**
 * The row selected after pressing `key`. Without a selection (or when the selected row left
 * the window) the first press picks the newest row: that is the one the co-host just read.
 */
export function moveSelection(
  rows: readonly Keyed[],
  selected: number | null,
  key: string,
): number | null {
  if (rows.length === 0) return null;
  const last = rows.length - 1;
  const index = indexOfSeq(rows, selected);
  let next: number;
  switch (key) {
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = last;
      break;
    case 'ArrowUp':
      next = index < 0 ? last : Math.max(0, index - 1);
      break;
    case 'ArrowDown':
      next = index < 0 ? last : Math.min(last, index + 1);
      break;
    default:
      return index < 0 ? null : selected;
  }
  return rows[next]!.seq;
}

/** The scrollTop that brings row `index` fully into view, or null when it already is. */
export function scrollToReveal(
  index: number,
  rowHeight: number,
  scrollTop: number,
  viewportHeight: number,
): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return null;
}
