// "Only the newest answer counts": an answer that arrives after a newer request was made is
// dropped, so a slow answer for an older query, scope or draft never overwrites a newer one's.

export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Wraps `task` so that `run` resolves with the outcome of its call, or with `null` when a newer
 * `run`, or a `cancel`, came before the answer did.
 */
export function newestOnly<A extends unknown[], R>(
  task: (...args: A) => Promise<R>,
): { run: (...args: A) => Promise<Outcome<R> | null>; cancel: () => void } {
  let generation = 0;
  return {
    async run(...args: A) {
      const mine = ++generation;
      let outcome: Outcome<R>;
      try {
        outcome = { ok: true, value: await task(...args) };
      } catch (error) {
        outcome = { ok: false, error };
      }
      return mine === generation ? outcome : null;
    },
    cancel() {
      generation++;
    },
  };
}

/**
 * Calls `task` once `delayMs` have passed without another `call`, and hands `deliver` only the
 * outcome of the newest call.
 */
export function debouncedLatest<A extends unknown[], R>(
  task: (...args: A) => Promise<R>,
  delayMs: number,
  deliver: (outcome: Outcome<R>) => void,
): { call: (...args: A) => void; cancel: () => void } {
  const newest = newestOnly(task);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    clearTimeout(timer);
    newest.cancel();
  };
  return {
    call(...args: A) {
      cancel();
      timer = setTimeout(() => {
        void newest.run(...args).then((outcome) => outcome && deliver(outcome));
      }, delayMs);
    },
    cancel,
  };
}
