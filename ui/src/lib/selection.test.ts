import { describe, expect, it } from 'vitest';
import { indexOfSeq, moveSelection, scrollToReveal } from './selection';

const rows = [3, 5, 8, 13].map((seq) => ({ seq }));

describe('feed selection', () => {
  it('finds rows by seq, and not rows that left', () => {
    expect(indexOfSeq(rows, 3)).toBe(0);
    expect(indexOfSeq(rows, 13)).toBe(3);
    expect(indexOfSeq(rows, 4)).toBe(-1);
    expect(indexOfSeq(rows, null)).toBe(-1);
    expect(indexOfSeq([], 3)).toBe(-1);
  });

  it('starts at the newest row and moves within bounds', () => {
    expect(moveSelection(rows, null, 'ArrowUp')).toBe(13);
    expect(moveSelection(rows, null, 'ArrowDown')).toBe(13);
    expect(moveSelection(rows, 13, 'ArrowUp')).toBe(8);
    expect(moveSelection(rows, 3, 'ArrowUp')).toBe(3);
    expect(moveSelection(rows, 13, 'ArrowDown')).toBe(13);
    expect(moveSelection(rows, 5, 'Home')).toBe(3);
    expect(moveSelection(rows, 5, 'End')).toBe(13);
  });

  it('restarts from the newest row when the selected one left the window', () => {
    expect(moveSelection(rows, 1, 'ArrowDown')).toBe(13);
    expect(moveSelection(rows, 1, 'x')).toBeNull();
    expect(moveSelection(rows, 8, 'x')).toBe(8);
    expect(moveSelection([], 8, 'ArrowUp')).toBeNull();
  });

  it('scrolls only as far as needed to show the row', () => {
    expect(scrollToReveal(5, 10, 0, 100)).toBeNull();
    expect(scrollToReveal(2, 10, 40, 100)).toBe(20);
    expect(scrollToReveal(20, 10, 0, 100)).toBe(110);
  });
});
