// Text with its flagged stretches marked, built as DOM nodes (never markup): the teleprompter's
// script and the flagged comment in the banner.

import { el } from "./common.js";
import { scriptSegments } from "./script-segments.js";

/**
 * Fills `container` with `text`, each hit (UTF-8 byte offsets `start`/`end`) in a <mark>, and
 * its code word beside it when it has one (`say` introduces it: "ucapkan").
 */
export function fillMarked(container, text, hits, say) {
  const nodes = [];
  for (const piece of scriptSegments(text, hits)) {
    if (!piece.hit) {
      nodes.push(document.createTextNode(piece.text));
      continue;
    }
    const mark = el("mark", "hit", piece.text);
    mark.dataset.severity = piece.hit.severity ?? "high";
    nodes.push(mark);
    if (piece.hit.suggest) {
      const code = el("span", "code-word");
      code.append(
        el("span", "code-word-say", say),
        el("span", "code-word-text", piece.hit.suggest),
      );
      nodes.push(code);
    }
  }
  container.replaceChildren(...nodes);
}
