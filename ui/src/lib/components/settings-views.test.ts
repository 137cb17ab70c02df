// Server-renders the settings form: every global hotkey has its field, filled from the settings.

import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { preferences as shippedPreferences } from '../test-fixtures';
import PreferencesForm from './PreferencesForm.svelte';

const preferences = shippedPreferences();

describe('the preferences form', () => {
  it('has a field for each global hotkey, the new “answered” one included', () => {
    const { body } = render(PreferencesForm, { props: { preferences, onsaved: () => {} } });
    for (const [testid, value] of [
      ['pref-hotkey-drop', 'CmdOrCtrl+Shift+D'],
      ['pref-hotkey-next', 'CmdOrCtrl+Shift+N'],
      ['pref-hotkey-pause', 'CmdOrCtrl+Shift+P'],
      ['pref-hotkey-answered', 'CmdOrCtrl+Shift+J'],
    ]) {
      expect(body).toMatch(
        new RegExp(`data-testid="${testid}"[^>]*value="${value.replace(/\+/g, '\\+')}"`),
      );
    }
    expect(body).toContain('Pertanyaan berikutnya sudah dijawab');
  });
});
