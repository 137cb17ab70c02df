// Text with its flagged stretches marked, built as DOM nodes (never markup): the teleprompter's
// script and the flagged comment in the banner. Cut where the window cuts it (splitFlagged).

import type { Flag } from '../lib/bindings/Flag';
import { isInfoFlag } from '../lib/moderation';
import { splitFlagged } from '../lib/text';
import { el } from './page';

/**
 * Fills `container` with `text`, each flagged stretch in a <mark>, and its code word beside it
 * when it has one (`say` introduces it: "ucapkan"). An information-only flag is marked quietly
 * (`data-info`) and has no code word: it is no finding.
 */
export function fillMarked(
  container: HTMLElement,
  text: string,
  flags: readonly Flag[],
  say: string,
): void {
  const nodes: Node[] = [];
  for (const piece of splitFlagged(text, flags)) {
    if (piece.flag === null) {
      nodes.push(document.createTextNode(piece.text));
      continue;
    }
    const mark = el('mark', 'hit', piece.text);
    mark.dataset.severity = piece.flag.severity;
    const info = isInfoFlag(piece.flag);
    if (info) mark.dataset.info = 'true';
    nodes.push(mark);
    if (piece.flag.suggest !== null && !info) {
      const code = el('span', 'code-word');
      code.append(
        el('span', 'code-word-say', say),
        el('span', 'code-word-text', piece.flag.suggest),
      );
      nodes.push(code);
    }
  }
  container.replaceChildren(...nodes);
}
