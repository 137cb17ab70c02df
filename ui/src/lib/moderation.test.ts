import { describe, expect, it } from 'vitest';
import { translate } from './i18n.svelte';
import {
  categoriesOf,
  categoryColour,
  categoryLabel,
  CUSTOM_COLOUR,
  hasFindings,
  impersonatedHandle,
  isAuthorFlag,
  isMutedFlags,
  KNOWN_CATEGORIES,
  primaryCategory,
  suggestionsOf,
} from './moderation';
import { authorFlag, wordFlag } from './test-fixtures';

const id = (key: Parameters<typeof translate>[1]) => translate('id', key);
const en = (key: Parameters<typeof translate>[1]) => translate('en', key);

describe('category labels and colours', () => {
  it('labels the shipped categories in both languages', () => {
    expect(categoryLabel('competitor', id)).toBe('Pesaing');
    expect(categoryLabel('competitor', en)).toBe('Competitor');
    expect(categoryLabel('offplatform', id)).toBe('Di luar platform');
    expect(categoryLabel('offplatform', en)).toBe('Off-platform');
    expect(categoryLabel('profanity', id)).toBe('Kata kasar');
    expect(categoryLabel('claim', en)).toBe('Forbidden claim');
    expect(categoryLabel('spam', id)).toBe('Spam');
    expect(categoryLabel('impersonation', id)).toBe('Akun palsu');
    expect(categoryLabel('impersonation', en)).toBe('Impersonator');
  });

  it('shows a custom label as the user wrote it, in every language', () => {
    expect(categoryLabel('obat keras', id)).toBe('obat keras');
    expect(categoryLabel('obat keras', en)).toBe('obat keras');
    // A label that merely looks like a message key is still just a label.
    expect(categoryLabel('categorySpam', en)).toBe('categorySpam');
  });

  it('gives every shipped category its own colour and custom labels a shared one', () => {
    const colours = KNOWN_CATEGORIES.map(categoryColour);
    expect(new Set(colours).size).toBe(KNOWN_CATEGORIES.length);
    expect(colours).not.toContain(CUSTOM_COLOUR);
    expect(categoryColour('obat keras')).toBe(CUSTOM_COLOUR);
    expect(categoryColour('lainnya')).toBe(CUSTOM_COLOUR);
    for (const colour of [...colours, CUSTOM_COLOUR]) expect(colour).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('reading flags', () => {
  const text = 'cek shopee ya, wa aku';
  const competitor = wordFlag(text, 'shopee', 'competitor', 'aplikasi oren');
  const offplatform = wordFlag(text, 'wa', 'offplatform', 'chat di sini');

  it('ranks categories by urgency, custom labels above spam, muted never', () => {
    const flags = [
      authorFlag('spam', 'flood'),
      authorFlag('muted'),
      wordFlag(text, 'ya', 'lainnya'),
      competitor,
      offplatform,
    ];
    expect(categoriesOf(flags)).toEqual(['offplatform', 'competitor', 'lainnya', 'spam']);
    expect(primaryCategory(flags)).toBe('offplatform');
    expect(primaryCategory([authorFlag('impersonation', '@shop'), competitor])).toBe(
      'impersonation',
    );
    expect(primaryCategory([authorFlag('muted')])).toBeNull();
    expect(primaryCategory([])).toBeNull();
  });

  it('tells findings from the mute mark', () => {
    expect(hasFindings([authorFlag('muted')])).toBe(false);
    expect(hasFindings([authorFlag('muted'), authorFlag('spam', 'caps')])).toBe(true);
    expect(isMutedFlags([authorFlag('muted'), competitor])).toBe(true);
    expect(isMutedFlags([competitor])).toBe(false);
  });

  it('lists each suggestion once, in the order the viewer wrote the words', () => {
    const again = { ...competitor, start: 30, end: 36 };
    expect(suggestionsOf([offplatform, competitor, again])).toEqual([
      'aplikasi oren',
      'chat di sini',
    ]);
    expect(suggestionsOf([authorFlag('spam', 'flood')])).toEqual([]);
  });

  it('names the impersonated handle without the @', () => {
    expect(impersonatedHandle([authorFlag('impersonation', '@novilla.official')])).toBe(
      'novilla.official',
    );
    expect(impersonatedHandle([competitor])).toBeNull();
    expect(isAuthorFlag(authorFlag('impersonation', '@x'))).toBe(true);
    expect(isAuthorFlag(competitor)).toBe(false);
  });
});
