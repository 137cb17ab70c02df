// Waiting for what a browser shows, shared by the page tests (through harness.mjs) and the
// desktop end-to-end test, which loads nothing else of the pages' harness.

/** Polls `probe` until it returns something truthy; fails after `timeoutMs` saying `what`. */
export async function until(what, timeoutMs, probe) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    await sleep(150);
  }
  throw new Error(`timed out waiting for ${what} (last: ${last})`);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
