import { describe, expect, it } from 'vitest';
import { isAtBottom, visibleRange } from './virtual';

describe('visibleRange', () => {
  it('is empty for an empty list', () => {
    expect(visibleRange(0, 600, 60, 0, 5)).toEqual({ start: 0, end: 0 });
  });

  it('covers exactly the rows in view without overscan', () => {
    // 600 px at 60 px a row, scrolled to row 10: rows 10..19.
    expect(visibleRange(600, 600, 60, 1000)).toEqual({ start: 10, end: 20 });
  });

  it('includes a partly visible row at each edge', () => {
    expect(visibleRange(630, 600, 60, 1000)).toEqual({ start: 10, end: 21 });
  });

  it('adds overscan on both sides, clamped to the list', () => {
    expect(visibleRange(600, 600, 60, 1000, 5)).toEqual({ start: 5, end: 25 });
    expect(visibleRange(0, 600, 60, 1000, 5)).toEqual({ start: 0, end: 15 });
    expect(visibleRange(59_400, 600, 60, 1000, 5)).toEqual({ start: 985, end: 1000 });
  });

  it('shows all rows of a list shorter than the viewport', () => {
    expect(visibleRange(0, 600, 60, 4, 5)).toEqual({ start: 0, end: 4 });
  });

  it('stays in range when scrollTop is past the end or negative (elastic scrolling)', () => {
    expect(visibleRange(1_000_000, 600, 60, 100, 2)).toEqual({ start: 97, end: 100 });
    expect(visibleRange(-50, 600, 60, 100)).toEqual({ start: 0, end: 10 });
  });

  it('renders at least one row before the viewport is measured', () => {
    expect(visibleRange(0, 0, 60, 100)).toEqual({ start: 0, end: 1 });
  });
});

describe('isAtBottom', () => {
  it('is true at the exact bottom and within the tolerance', () => {
    expect(isAtBottom(400, 600, 1000)).toBe(true);
    expect(isAtBottom(397.5, 600, 1000)).toBe(true);
  });

  it('is false once scrolled up past the tolerance', () => {
    expect(isAtBottom(390, 600, 1000)).toBe(false);
    expect(isAtBottom(0, 600, 1000)).toBe(false);
  });

  it('is true when the content fits in the viewport', () => {
    expect(isAtBottom(0, 600, 300)).toBe(true);
  });
});
