import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FrameEdit } from './bindings/FrameEdit';
import type { FramePreview } from './bindings/FramePreview';
import { FramePreviewer } from './frame-preview.svelte';
import { SAFE_ZONES } from './test-fixtures';

const edit = (name: string): FrameEdit => ({
  file: { template: { name, width: 1080, height: 1920 }, fields: {}, layer: [] },
  origins: [],
});
const png = (name: string): FramePreview => ({
  png: `data:image/png;base64,${name}`,
  warnings: [],
  safe_zones: SAFE_ZONES,
});

describe('the live preview', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('renders once after changes pause', async () => {
    const render = vi.fn(async (_template: string, next: FrameEdit) =>
      png(next.file.template.name),
    );
    const previewer = new FramePreviewer(render, 150);
    previewer.request('novilla', edit('a'), {});
    await vi.advanceTimersByTimeAsync(100);
    previewer.request('novilla', edit('b'), { price: 'Rp 1' });
    await vi.advanceTimersByTimeAsync(100);
    expect(render).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60);
    expect(render).toHaveBeenCalledTimes(1);
    expect(render).toHaveBeenCalledWith('novilla', edit('b'), { price: 'Rp 1' });
    expect(previewer.preview?.png).toContain('base64,b');
    expect(previewer.busy).toBe(false);
  });

  it('keeps the previous image while rendering and after a refusal, and drops stale answers', async () => {
    const answers: {
      resolve: (value: FramePreview) => void;
      reject: (error: unknown) => void;
    }[] = [];
    const render = () =>
      new Promise<FramePreview>((resolve, reject) => answers.push({ resolve, reject }));
    const previewer = new FramePreviewer(render, 10);

    previewer.request('t', edit('a'), {});
    await vi.advanceTimersByTimeAsync(10);
    answers[0]!.resolve(png('a'));
    await vi.advanceTimersByTimeAsync(0);
    expect(previewer.preview?.png).toContain('base64,a');

    previewer.request('t', edit('b'), {});
    await vi.advanceTimersByTimeAsync(10);
    expect(previewer.busy).toBe(true);
    expect(previewer.preview?.png).toContain('base64,a');
    previewer.request('t', edit('c'), {});
    await vi.advanceTimersByTimeAsync(10);
    // "c" is refused; then the older "b" answers late and is dropped.
    const refusal = { code: 'frame', message: 'template.toml:12: layer "Harga": bad colour' };
    answers[2]!.reject(refusal);
    await vi.advanceTimersByTimeAsync(0);
    answers[1]!.resolve(png('b'));
    await vi.advanceTimersByTimeAsync(0);
    expect(previewer.error).toBe(refusal);
    expect(previewer.preview?.png).toContain('base64,a');
    expect(previewer.busy).toBe(false);

    previewer.reset();
    expect(previewer.preview).toBeNull();
    expect(previewer.error).toBeNull();
  });
});
