// The editor's live preview: the renderer's output for the edit on screen, asked for a moment
// after the last change (not on every pointer move), the newest answer winning. While a request
// runs, and after a refusal, the last good image stays.

import type { FrameEdit } from './bindings/FrameEdit';
import type { FramePreview } from './bindings/FramePreview';

export type RenderPreview = (
  template: string,
  edit: FrameEdit,
  fields: Record<string, string>,
) => Promise<FramePreview>;

export const PREVIEW_DELAY_MS = 150;

export class FramePreviewer {
  /** The last good preview; kept while a new one renders and when an edit is refused. */
  preview = $state.raw<FramePreview | null>(null);
  /** Why the newest edit was refused (an `AppError`), or null. */
  error = $state.raw<unknown>(null);
  busy = $state(false);

  #render: RenderPreview;
  #delay: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Moves with every request; an answer to an older one is dropped. */
  #sequence = 0;

  constructor(render: RenderPreview, delay = PREVIEW_DELAY_MS) {
    this.#render = render;
    this.#delay = delay;
  }

  /** Renders `edit` once changes have paused for the delay. */
  request(template: string, edit: FrameEdit, fields: Record<string, string>): void {
    this.#clearTimer();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#run(template, edit, fields);
    }, this.#delay);
  }

  /** Forgets everything (another template is opened). */
  reset(): void {
    this.#clearTimer();
    this.#sequence += 1;
    this.preview = null;
    this.error = null;
    this.busy = false;
  }

  /** Stops a pending request (the editor is going away). */
  cancel(): void {
    this.#clearTimer();
    this.#sequence += 1;
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #run(template: string, edit: FrameEdit, fields: Record<string, string>): Promise<void> {
    this.#sequence += 1;
    const sequence = this.#sequence;
    this.busy = true;
    try {
      const answer = await this.#render(template, edit, fields);
      if (sequence !== this.#sequence) return;
      this.preview = answer;
      this.error = null;
    } catch (refusal) {
      if (sequence !== this.#sequence) return;
      this.error = refusal;
    } finally {
      if (sequence === this.#sequence) this.busy = false;
    }
  }
}
