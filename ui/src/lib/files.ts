// Text files the user opens in the window (a script, a lexicon): read in the page, so the app
// needs no file-system permission.

import { errorText } from './api';
import type { MessageKey } from './i18n.svelte';

/** Scripts and lexicons are pages of text; anything far bigger is a wrong pick and would stall the view. */
export const MAX_TEXT_FILE_KB = 1024;

export type PickedText =
  { name: string; text: string } | { error: MessageKey; params: Record<string, string | number> };

/**
 * The text of the file picked in `input`, or a localisable reason it cannot be used; `null`
 * when nothing was picked. Clears the input so picking the same file again (after editing it
 * elsewhere) reloads it.
 */
export async function readPickedText(input: HTMLInputElement): Promise<PickedText | null> {
  const file = input.files?.[0];
  input.value = '';
  if (!file) return null;
  if (file.size > MAX_TEXT_FILE_KB * 1024) {
    return { error: 'fileTooBig', params: { n: MAX_TEXT_FILE_KB } };
  }
  try {
    return { name: file.name, text: await file.text() };
  } catch (failure) {
    return { error: 'fileError', params: { error: errorText(failure) } };
  }
}

/** `name` without its extension: "Payday 25.csv" → "Payday 25". */
export function baseName(name: string): string {
  return name.replace(/\.[^.]*$/, '') || name;
}

/** Saves `text` as a download named `fileName` (an export the user keeps or shares). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
