import { describe, expect, it } from 'vitest';
import { Action } from './action.svelte';

describe('an action', () => {
  it('is busy while its call runs, and ignores a second one meanwhile', async () => {
    const action = new Action();
    let finish = () => {};
    const first = action.run(() => new Promise<void>((resolve) => (finish = resolve)));
    expect(action.busy).toBe(true);
    let second = false;
    await action.run(async () => {
      second = true;
    });
    expect(second).toBe(false);
    finish();
    await first;
    expect(action.busy).toBe(false);
    expect(action.error).toBeNull();
  });

  it('says why a call failed, until the next one', async () => {
    const action = new Action();
    await action.run(() => Promise.reject({ code: 'archive', message: 'pandu.db: disk full' }));
    expect(action.error).toBe('Arsip bermasalah: pandu.db: disk full');
    await action.run(async () => {});
    expect(action.error).toBeNull();
  });
});
