import { describe, expect, it, vi } from 'vitest';
import { acceleratorLabel, closeOnEscape, hotkeyTitle, isPlainKey, isTextEntry } from './keys';
import { translate, type MessageKey, type Params } from './i18n.svelte';

const en = (key: MessageKey, params?: Params) => translate('en', key, params);

const element = (tagName: string, extra: Record<string, unknown> = {}) =>
  ({ tagName, ...extra }) as unknown as EventTarget;

describe('one-key shortcuts', () => {
  it('stay out of text fields', () => {
    expect(isTextEntry(element('INPUT', { type: 'text' }))).toBe(true);
    expect(isTextEntry(element('TEXTAREA'))).toBe(true);
    expect(isTextEntry(element('DIV', { isContentEditable: true }))).toBe(true);
    expect(isTextEntry(element('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(isTextEntry(element('DIV'))).toBe(false);
    expect(isTextEntry(null)).toBe(false);
  });

  it('fire on the plain key only', () => {
    const key = (init: Partial<KeyboardEvent>) =>
      ({
        key: 'f',
        ctrlKey: false,
        altKey: false,
        metaKey: false,
        target: element('DIV'),
        ...init,
      }) as KeyboardEvent;
    expect(isPlainKey(key({}), 'F')).toBe(true);
    expect(isPlainKey(key({ key: 'F' }), 'F')).toBe(true);
    expect(isPlainKey(key({ ctrlKey: true }), 'F')).toBe(false);
    expect(isPlainKey(key({ target: element('INPUT') }), 'F')).toBe(false);
    expect(isPlainKey(key({ key: 'g' }), 'F')).toBe(false);
  });
});

describe('a form over the console', () => {
  it('closes on Escape, which goes no further, and on no other key', () => {
    const close = vi.fn();
    const onkeydown = closeOnEscape(close);
    const press = (key: string) => {
      const event = { key, preventDefault: vi.fn() };
      onkeydown(event as unknown as KeyboardEvent);
      return event.preventDefault;
    };
    expect(press('Enter')).not.toHaveBeenCalled();
    expect(close).not.toHaveBeenCalled();
    expect(press('Escape')).toHaveBeenCalledOnce();
    expect(close).toHaveBeenCalledOnce();
  });
});

describe('global hotkey hints', () => {
  it('say the accelerator as the keyboard does', () => {
    expect(acceleratorLabel('CmdOrCtrl+Shift+D', false)).toBe('Ctrl+Shift+D');
    expect(acceleratorLabel('CommandOrControl+N', true)).toBe('⌘+N');
    expect(hotkeyTitle('Next', 'F9', en)).toBe('Next · Global hotkey: F9');
    expect(hotkeyTitle('Next', null, en)).toBe('Next');
    expect(hotkeyTitle('Next', ' ', en)).toBe('Next');
  });
});
