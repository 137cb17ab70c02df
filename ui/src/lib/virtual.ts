// Windowing math for the feed: with a fixed row height, which rows does the viewport show?
// Kept apart from the component so it can be tested with plain numbers.

export type Range = { start: number; end: number };

/**
 * The half-open index range [start, end) of rows to render for a viewport scrolled to
 * `scrollTop` with height `viewportHeight`, plus `overscan` rows either side so a fast scroll
 * does not flash empty space before the next frame.
 */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  overscan = 0,
): Range {
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTop);
  const firstVisible = Math.min(total - 1, Math.floor(top / rowHeight));
  const lastVisible = Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight);
  return {
    start: Math.max(0, firstVisible - overscan),
    end: Math.min(total, Math.max(firstVisible + 1, lastVisible) + overscan),
  };
}

/**
 * Whether the viewport is (close enough to) the bottom. The tolerance absorbs sub-pixel
 * scroll positions on scaled displays, which otherwise read as "scrolled up" and pause the feed.
 */
export function isAtBottom(
  scrollTop: number,
  viewportHeight: number,
  contentHeight: number,
  tolerance = 4,
): boolean {
  return contentHeight - (scrollTop + viewportHeight) <= tolerance;
}
