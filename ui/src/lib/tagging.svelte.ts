// The console's feedback commands: tag, change, remove, mark answered. Each answer is shown at
// once (the `feedback` message that follows agrees); a failure says why in one error line.
// Calls are not serialised: a co-host tagging two comments quickly must not lose the second.

import { errorText, feedbackDelete, feedbackTag, feedbackUpdate, questionAnswerNext } from './api';
import type { FeedbackPatch } from './bindings/FeedbackPatch';
import type { CommentEvent } from './feed.svelte';
import {
  confirmableKind,
  patch,
  tagCall,
  type FeedbackKind,
  type FeedbackStore,
} from './feedback.svelte';
import { locale } from './i18n.svelte';

export class Tagging {
  error = $state<string | null>(null);
  /** Calls under way; the lane's buttons wait while one is. */
  pending = $state(0);

  constructor(readonly store: FeedbackStore) {}

  private async run(task: () => Promise<void>): Promise<void> {
    this.error = null;
    this.pending += 1;
    try {
      await task();
    } catch (failure) {
      this.error = locale.t('tagFailed', { error: errorText(failure, locale.t) });
    } finally {
      this.pending -= 1;
    }
  }

  /** One tag key on a comment: tags it, or changes its tag's kind. */
  tag(event: CommentEvent, kind: FeedbackKind): Promise<void> {
    const call = tagCall(this.store.tagOf(event.id), kind);
    if (call === null) return Promise.resolve();
    return this.run(async () => {
      this.store.upsert(
        call.call === 'tag'
          ? await feedbackTag({ comment_id: event.id, kind: call.kind, note: '', product: null })
          : await feedbackUpdate(call.id, call.patch),
      );
    });
  }

  /** Enter: the rules' suggestion, confirmed. Nothing when there is none or it is tagged. */
  confirm(event: CommentEvent): Promise<void> {
    const kind = confirmableKind(event.suggested, this.store.tagOf(event.id));
    return kind === null ? Promise.resolve() : this.tag(event, kind);
  }

  update(id: number, changes: FeedbackPatch): Promise<void> {
    return this.run(async () => this.store.upsert(await feedbackUpdate(id, changes)));
  }

  remove(id: number): Promise<void> {
    return this.run(async () => {
      await feedbackDelete(id);
      this.store.remove(id);
    });
  }

  answered(id: number): Promise<void> {
    return this.update(id, patch({ answered: true }));
  }

  /** The A key: the question the host view shows, marked answered. */
  answerNext(): Promise<void> {
    return this.run(async () => {
      const entry = await questionAnswerNext();
      if (entry !== null) this.store.upsert(entry);
    });
  }
}
