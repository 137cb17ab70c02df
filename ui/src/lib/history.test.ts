import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, record, redo, startHistory, undo } from './history';

describe('the edit history', () => {
  it('undoes and redoes step by step', () => {
    let history = startHistory('a');
    history = record(history, 'b');
    history = record(history, 'c');
    expect(canUndo(history)).toBe(true);
    expect(canRedo(history)).toBe(false);
    history = undo(history);
    expect(history.present).toBe('b');
    history = undo(history);
    expect(history.present).toBe('a');
    expect(canUndo(history)).toBe(false);
    expect(undo(history)).toBe(history);
    history = redo(history);
    expect(history.present).toBe('b');
    history = redo(history);
    expect(history.present).toBe('c');
    expect(redo(history)).toBe(history);
  });

  it('drops the redo stack on a new edit', () => {
    let history = record(record(startHistory(1), 2), 3);
    history = undo(undo(history));
    expect(canRedo(history)).toBe(true);
    history = record(history, 9);
    expect(history.present).toBe(9);
    expect(canRedo(history)).toBe(false);
    expect(undo(history).present).toBe(1);
  });

  it('merges steps of one group into one undo step', () => {
    let history = startHistory('x=0');
    history = record(history, 'x=1', 'drag 1');
    history = record(history, 'x=2', 'drag 1');
    history = record(history, 'x=3', 'drag 1');
    history = record(history, 'x=4', 'drag 2');
    expect(undo(history).present).toBe('x=3');
    expect(undo(undo(history)).present).toBe('x=0');
  });

  it('starts a new step after an undo, even in the same group', () => {
    let history = record(record(startHistory('a'), 'b', 'typing'), 'c', 'other');
    history = undo(history);
    history = record(history, 'd', 'other');
    history = record(history, 'e', 'other');
    expect(history.past).toEqual(['a', 'b']);
    expect(undo(history).present).toBe('b');
  });

  it('ignores a step that changes nothing and keeps only so many steps', () => {
    const history = startHistory('a');
    expect(record(history, 'a')).toBe(history);
    let long = startHistory(0);
    for (let i = 1; i <= 10; i += 1) long = record(long, i, null, 3);
    expect(long.past).toEqual([7, 8, 9]);
  });
});
