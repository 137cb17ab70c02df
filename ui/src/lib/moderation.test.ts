import { describe, expect, it } from 'vitest';
import type { Evasion } from './bindings/Evasion';
import type { Flag } from './bindings/Flag';
import { translate, type MessageKey, type Params } from './i18n.svelte';
import {
  categoryColour,
  categoryLabel,
  categoryName,
  CUSTOM_COLOUR,
  evasionLabel,
  flagTooltip,
  impersonatedHandle,
  IMPORT_CATEGORIES,
  isAuthorFlag,
  isMutedFlags,
  suggestionsOf,
} from './moderation';
import { authorFlag, wordFlag } from './test-fixtures';

const id = (key: MessageKey, params?: Params) => translate('id', key, params);
const en = (key: MessageKey, params?: Params) => translate('en', key, params);

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

  it('labels a provocation with the advice to stay calm, and names it alone in lists', () => {
    expect(categoryLabel('provocation', id)).toBe('Provokasi — tanggapi dengan tenang');
    expect(categoryLabel('provocation', en)).toBe('Provocation — respond calmly');
    expect(categoryName('provocation', id)).toBe('Provokasi');
    expect(categoryName('provocation', en)).toBe('Provocation');
    // Categories without advice read the same either way.
    expect(categoryName('competitor', id)).toBe(categoryLabel('competitor', id));
    expect(categoryName({ custom: 'obat keras' }, en)).toBe('obat keras');
    // Users may import their own lists of provocations.
    expect(IMPORT_CATEGORIES).toContain('provocation');
  });

  it('shows a custom label as the user wrote it, in every language', () => {
    expect(categoryLabel({ custom: 'obat keras' }, id)).toBe('obat keras');
    expect(categoryLabel({ custom: 'obat keras' }, en)).toBe('obat keras');
    // A label that merely looks like a message key is still just a label.
    expect(categoryLabel({ custom: 'categorySpam' }, en)).toBe('categorySpam');
  });

  it('gives every shipped category its own colour and custom labels a shared one', () => {
    const named = [
      'impersonation',
      'profanity',
      'offplatform',
      'competitor',
      'claim',
      'provocation',
      'spam',
    ] as const;
    const colours = named.map(categoryColour);
    expect(new Set(colours).size).toBe(named.length);
    expect(colours).not.toContain(CUSTOM_COLOUR);
    expect(categoryColour({ custom: 'obat keras' })).toBe(CUSTOM_COLOUR);
    expect(categoryColour({ custom: 'lainnya' })).toBe(CUSTOM_COLOUR);
    for (const colour of [...colours, CUSTOM_COLOUR]) expect(colour).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('gives provocation a violet of its own, readable on the dark background', () => {
    const violet = categoryColour('provocation');
    expect(violet).toBe('#ad73ff');
    expect(violet).not.toBe(categoryColour('offplatform'));
    expect(violet).not.toBe(CUSTOM_COLOUR);
    // WCAG contrast against --surface (#17191d), as readable as the other badges.
    expect(contrast(violet, '#17191d')).toBeGreaterThan(4.5);
  });
});

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('reading flags', () => {
  const text = 'cek shopee ya, wa aku';
  const competitor = wordFlag(text, 'shopee', 'competitor', 'aplikasi oren');
  const offplatform = wordFlag(text, 'wa', 'offplatform', 'chat di sini');

  it('tells a muted author', () => {
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

describe('why a flag fired', () => {
  const text = 'cek s.h.0.p.e.e ya';
  const spread: Flag = {
    ...wordFlag(text, 's.h.0.p.e.e', 'competitor', 'aplikasi oren'),
    explain: { read_as: 'shope', entry: 'shopee', evasions: ['spread', 'repeats'] },
  };

  it('says the category, how it was read, the evasions and the code word', () => {
    expect(flagTooltip(spread, id)).toBe(
      'Pesaing · dibaca sebagai “shope” (= shopee) · huruf dipisah, huruf diulang · ganti: aplikasi oren',
    );
    expect(flagTooltip(spread, en)).toBe(
      'Competitor · read as “shope” (= shopee) · letters spread out, repeated letters · say: aplikasi oren',
    );
  });

  it('leaves out the evasions when it was typed as listed', () => {
    const plain: Flag = {
      ...wordFlag('wa aku', 'wa', 'offplatform'),
      explain: { read_as: 'wa', entry: 'whatsapp', evasions: [] },
    };
    expect(flagTooltip(plain, id)).toBe('Di luar platform · dibaca sebagai “wa” (= whatsapp)');
    expect(flagTooltip(plain, en)).toBe('Off-platform · read as “wa” (= whatsapp)');
  });

  it('does not repeat the entry when it was read exactly as written', () => {
    const exact: Flag = {
      ...wordFlag('dasar Penipu', 'Penipu', 'provocation'),
      explain: { read_as: 'penipu', entry: 'penipu', evasions: [] },
    };
    expect(flagTooltip(exact, id)).toBe(
      'Provokasi — tanggapi dengan tenang · dibaca sebagai “penipu”',
    );
    expect(flagTooltip(exact, en)).toBe('Provocation — respond calmly · read as “penipu”');
  });

  it('says only the category and code word without an explanation', () => {
    expect(flagTooltip(wordFlag(text, 'cek', 'competitor', 'aplikasi oren'), id)).toBe(
      'Pesaing · ganti: aplikasi oren',
    );
    expect(flagTooltip(authorFlag('spam', 'repeat'), en)).toBe('Spam');
    expect(flagTooltip(wordFlag(text, 'ya', { custom: 'obat keras' }, '  '), en)).toBe(
      'obat keras',
    );
  });

  it('names every evasion in both languages', () => {
    const expected: Record<Evasion, [string, string]> = {
      look_alike: ['huruf mirip', 'look-alike letters'],
      accents: ['huruf beraksen', 'accented letters'],
      leet: ['angka/simbol sebagai huruf', 'digits or symbols for letters'],
      invisible: ['karakter tak terlihat', 'invisible characters'],
      spread: ['huruf dipisah', 'letters spread out'],
      repeats: ['huruf diulang', 'repeated letters'],
    };
    for (const [evasion, [inId, inEn]] of Object.entries(expected) as [
      Evasion,
      [string, string],
    ][]) {
      expect(evasionLabel(evasion, id)).toBe(inId);
      expect(evasionLabel(evasion, en)).toBe(inEn);
      const flag: Flag = {
        ...spread,
        explain: { read_as: 'shopee', entry: 'shopee', evasions: [evasion] },
      };
      expect(flagTooltip(flag, en)).toBe(
        `Competitor · read as “shopee” · ${inEn} · say: aplikasi oren`,
      );
    }
    const all = Object.keys(expected) as Evasion[];
    const labels = all.map((evasion) => evasionLabel(evasion, id));
    expect(new Set(labels).size).toBe(all.length);
  });

  it('shows an evasion the UI does not know yet as the core names it', () => {
    expect(evasionLabel('mirror' as Evasion, en)).toBe('mirror');
    expect(evasionLabel('toString' as Evasion, en)).toBe('toString');
  });

  it('keeps what the viewer typed as plain text', () => {
    const xss: Flag = {
      ...wordFlag('<b>x</b>', '<b>x</b>', 'profanity'),
      explain: { read_as: '<b>x</b>', entry: 'x', evasions: ['invisible'] },
    };
    expect(flagTooltip(xss, en)).toBe(
      'Profanity · read as “<b>x</b>” (= x) · invisible characters',
    );
  });
});
