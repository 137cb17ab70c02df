import { afterEach, describe, expect, it, vi } from 'vitest';
import { appendToDraft, debouncedLatest, hitAsFlag, type Outcome } from './lexicon';

describe('draft editing', () => {
  const block = '[[term]]\nterm = "tokped"\ncategory = "competitor"\n';

  it('appends imported terms as their own block', () => {
    expect(appendToDraft('a = 1', block)).toBe(`a = 1\n\n${block}`);
    expect(appendToDraft('a = 1\n\n\n', block)).toBe(`a = 1\n\n${block}`);
    expect(appendToDraft('', block)).toBe(block);
    expect(appendToDraft('a = 1\n', '  \n')).toBe('a = 1\n');
  });

  it('turns a script hit into a flag with the same span', () => {
    const flag = hitAsFlag({
      line: 2,
      column: 3,
      start: 10,
      end: 16,
      category: 'competitor',
      severity: 'high',
      term: 'shopee',
      matched: 'Shopee',
      suggest: 'aplikasi oren',
    });
    expect(flag).toEqual({
      term: 'shopee',
      category: 'competitor',
      severity: 'high',
      target: 'text',
      start: 10,
      end: 16,
      matched: 'Shopee',
      suggest: 'aplikasi oren',
    });
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
