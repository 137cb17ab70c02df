// Undo and redo over a value that is replaced, never mutated (the frame editor's edits). Steps
// that belong together (one drag, one run of typing into a field) share a group and are undone
// as one.

export type History<T> = {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  /** The group of the last recorded step; a step in the same group replaces it. */
  readonly group: string | null;
};

/** How many steps back undo reaches. */
export const HISTORY_LIMIT = 200;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], group: null };
}

/**
 * `next` as the new present. A new step drops the redo stack; one in the same `group` as the
 * last step replaces that step instead of adding another.
 */
export function record<T>(
  history: History<T>,
  next: T,
  group: string | null = null,
  limit = HISTORY_LIMIT,
): History<T> {
  if (next === history.present) return history;
  if (group !== null && group === history.group) {
    return { past: history.past, present: next, future: [], group };
  }
  return {
    past: [...history.past, history.present].slice(-limit),
    present: next,
    future: [],
    group,
  };
}

export function canUndo<T>(history: History<T>): boolean {
  return history.past.length > 0;
}

export function canRedo<T>(history: History<T>): boolean {
  return history.future.length > 0;
}

export function undo<T>(history: History<T>): History<T> {
  if (history.past.length === 0) return history;
  return {
    past: history.past.slice(0, -1),
    present: history.past[history.past.length - 1]!,
    future: [history.present, ...history.future],
    group: null,
  };
}

export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history;
  return {
    past: [...history.past, history.present],
    present: history.future[0]!,
    future: history.future.slice(1),
    group: null,
  };
}
