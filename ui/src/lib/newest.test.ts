import { afterEach, describe, expect, it, vi } from 'vitest';
import { debouncedLatest, newestOnly, type Outcome } from './newest';

describe('newestOnly', () => {
  it('answers the newest run and null to the runs it overtook', async () => {
    const resolvers: ((value: string) => void)[] = [];
    const task = (s: string) => new Promise<string>((resolve) => resolvers.push(() => resolve(s)));
    const newest = newestOnly(task);
    const old = newest.run('old');
    const latest = newest.run('new');
    resolvers[1]!('new');
    resolvers[0]!('old');
    expect(await latest).toEqual({ ok: true, value: 'new' });
    expect(await old).toBeNull();
  });

  it('answers failures too, and nothing after cancel', async () => {
    const newest = newestOnly(async (fail: boolean) => {
      if (fail) throw new Error('offline');
      return 'ok';
    });
    const failed = await newest.run(true);
    expect(failed?.ok).toBe(false);
    const cancelled = newest.run(false);
    newest.cancel();
    expect(await cancelled).toBeNull();
  });
});

describe('debouncedLatest', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs once after the pause, with the last arguments', async () => {
    vi.useFakeTimers();
    const task = vi.fn(async (s: string) => s.toUpperCase());
    const seen: Outcome<string>[] = [];
    const debounced = debouncedLatest(task, 150, (outcome) => seen.push(outcome));
    debounced.call('a');
    await vi.advanceTimersByTimeAsync(100);
    debounced.call('ab');
    await vi.advanceTimersByTimeAsync(149);
    expect(task).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(task).toHaveBeenCalledTimes(1);
    expect(seen).toEqual([{ ok: true, value: 'AB' }]);
  });

  it('drops a slow answer that a newer call overtook, and answers after cancel', async () => {
    vi.useFakeTimers();
    const resolvers: ((value: string) => void)[] = [];
    const task = (s: string) => new Promise<string>((resolve) => resolvers.push(() => resolve(s)));
    const seen: Outcome<string>[] = [];
    const debounced = debouncedLatest(task, 10, (outcome) => seen.push(outcome));
    debounced.call('old');
    await vi.advanceTimersByTimeAsync(10);
    debounced.call('new');
    await vi.advanceTimersByTimeAsync(10);
    resolvers[1]!('new');
    resolvers[0]!('old');
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([{ ok: true, value: 'new' }]);

    debounced.call('late');
    await vi.advanceTimersByTimeAsync(10);
    debounced.cancel();
    resolvers[2]!('late');
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toHaveLength(1);
  });

  it('delivers failures too', async () => {
    vi.useFakeTimers();
    const seen: Outcome<string>[] = [];
    const debounced = debouncedLatest(
      () => Promise.reject(new Error('broken draft')),
      5,
      (outcome) => seen.push(outcome),
    );
    debounced.call();
    await vi.advanceTimersByTimeAsync(5);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.ok).toBe(false);
  });
});
