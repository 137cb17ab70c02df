import { describe, expect, it } from 'vitest';
import { preferences as shippedPreferences } from './test-fixtures';
import {
  draftFromPreferences,
  HOTKEY_FIELDS,
  parseMarks,
  preferencesFromDraft,
} from './preferences';

const preferences = shippedPreferences();

describe('the settings form', () => {
  it('round-trips the preferences', () => {
    const draft = draftFromPreferences(preferences);
    expect(draft).toMatchObject({
      window: '5:00',
      ending: '60',
      warnAt: '60, 30',
      hotkeyAnswered: 'CmdOrCtrl+Shift+J',
    });
    expect(preferencesFromDraft(draft, preferences)).toEqual({ preferences });
  });

  it('reads what the co-host typed', () => {
    const draft = {
      ...draftFromPreferences(preferences),
      window: '3:30',
      warnAt: '30 60,10',
      sound: false,
      hotkeyDrop: ' F8 ',
      hotkeyAnswered: ' CmdOrCtrl+Alt+J ',
    };
    expect(preferencesFromDraft(draft, preferences)).toEqual({
      preferences: {
        ...preferences,
        flash_sale_seconds: 210,
        warn_at: [60, 30, 10],
        sound: false,
        hotkeys: { ...preferences.hotkeys, drop: 'F8', answered: 'CmdOrCtrl+Alt+J' },
      },
    });
  });

  it('points at a field it cannot read', () => {
    const draft = draftFromPreferences(preferences);
    expect(preferencesFromDraft({ ...draft, window: '0' }, preferences)).toMatchObject({
      problem: { field: 'window' },
    });
    expect(preferencesFromDraft({ ...draft, ending: '-5' }, preferences)).toMatchObject({
      problem: { field: 'ending' },
    });
    expect(preferencesFromDraft({ ...draft, warnAt: '60, x' }, preferences)).toMatchObject({
      problem: { field: 'warnAt' },
    });
  });

  it('orders warning marks latest first, once each; none is allowed', () => {
    expect(parseMarks('30, 60, 60')).toEqual([60, 30]);
    expect(parseMarks('')).toEqual([]);
    expect(parseMarks('0')).toBeNull();
  });
});

describe('the hotkeys in the form', () => {
  it('lists each of the four global hotkeys once, each a field of the draft', () => {
    const draft = draftFromPreferences(preferences);
    expect(HOTKEY_FIELDS.map((each) => draft[each.field])).toEqual([
      'CmdOrCtrl+Shift+D',
      'CmdOrCtrl+Shift+N',
      'CmdOrCtrl+Shift+P',
      'CmdOrCtrl+Shift+J',
    ]);
    expect(new Set(HOTKEY_FIELDS.map((each) => each.testid)).size).toBe(4);
  });
});
