// Keyboard shortcuts: single keys in the console (F for a drop), which must not fire while the
// co-host types in a field, and the global hotkeys' hints.

import type { MessageKey, Params } from './i18n.svelte';

const TEXTLESS_INPUTS = new Set([
  'button',
  'checkbox',
  'color',
  'file',
  'radio',
  'range',
  'reset',
  'submit',
]);

/** Whether a key pressed on `target` goes into a text field rather than to a shortcut. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const element = target as Partial<HTMLElement> & { type?: string };
  if (element.isContentEditable) return true;
  switch (element.tagName) {
    case 'TEXTAREA':
    case 'SELECT':
      return true;
    case 'INPUT':
      return !TEXTLESS_INPUTS.has(element.type ?? 'text');
    default:
      return false;
  }
}

/** A plain key press (no Ctrl, Alt or Meta), on which a one-key shortcut may act. */
export function isPlainKey(event: KeyboardEvent, key: string): boolean {
  return (
    !event.ctrlKey &&
    !event.altKey &&
    !event.metaKey &&
    event.key.toLowerCase() === key.toLowerCase() &&
    !isTextEntry(event.target)
  );
}

/** A window's keydown handler for a form over the console: Escape closes it, and goes no further. */
export function closeOnEscape(close: () => void): (event: KeyboardEvent) => void {
  return (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    close();
  };
}

/** An accelerator as the settings store it ("CmdOrCtrl+Shift+D") as this keyboard says it. */
export function acceleratorLabel(accelerator: string, mac: boolean): string {
  return accelerator.replace(/\b(?:CmdOrCtrl|CommandOrControl)\b/g, mac ? '⌘' : 'Ctrl');
}

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** A button's `title` with the global hotkey that does the same from anywhere, when there is one. */
export function hotkeyTitle(
  title: string,
  accelerator: string | null,
  t: (key: MessageKey, params?: Params) => string,
): string {
  if (accelerator === null || accelerator.trim() === '') return title;
  return `${title} · ${t('hotkeyHint', { keys: acceleratorLabel(accelerator, IS_MAC) })}`;
}
