import { describe, expect, it } from 'vitest';
import type { Evasion } from './bindings/Evasion';
import type { Flag } from './bindings/Flag';
import { translate, type MessageKey, type Params } from './i18n.svelte';
import {
  categoryColour,
  categoryLabel,
  categoryName,
  categoryOf,
  cueText,
  CUSTOM_COLOUR,
  evasionLabel,
  flagAbout,
  flagTooltip,
  impersonatedHandle,
  IMPORT_CATEGORIES,
  isAuthorFlag,
  isInfoFlag,
  isMutedFlags,
  suggestionsOf,
  whyLines,
  whyShort,
} from './moderation';
import { authorFlag, why, wordFlag } from './test-fixtures';

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

  it('reads a bare label as the category the core names, else as a user’s own', () => {
    expect(categoryOf('competitor')).toBe('competitor');
    expect(categoryOf('obat keras')).toEqual({ custom: 'obat keras' });
    // Only the named categories: not a key the object happens to inherit.
    expect(categoryOf('toString')).toEqual({ custom: 'toString' });
    expect(categoryLabel(categoryOf('categorySpam'), id)).toBe('categorySpam');
  });

  it('gives every shipped category its own colour and custom labels a shared one', () => {
    const named = [
      'impersonation',
      'profanity',
      'offplatform',
      'competitor',
      'gambling',
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

  it('names online gambling in both languages, and offers it in the import form', () => {
    expect(categoryLabel('gambling', id)).toBe('Judi online');
    expect(categoryLabel('gambling', en)).toBe('Gambling');
    expect(IMPORT_CATEGORIES).toContain('gambling');
  });

  it('gives gambling a vermillion apart from the warm colours next to it', () => {
    const vermillion = categoryColour('gambling');
    expect(vermillion).toBe('#de6410');
    for (const other of ['impersonation', 'profanity', 'claim'] as const) {
      expect(vermillion).not.toBe(categoryColour(other));
    }
    expect(contrast(vermillion, '#17191d')).toBeGreaterThan(4.5);
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
    expect(flagTooltip(spread, id, 'id')).toBe(
      'Pesaing · dibaca sebagai “shope” (= shopee) · huruf dipisah, huruf diulang · ganti: aplikasi oren',
    );
    expect(flagTooltip(spread, en, 'en')).toBe(
      'Competitor · read as “shope” (= shopee) · letters spread out, repeated letters · say: aplikasi oren',
    );
  });

  it('leaves out the evasions when it was typed as listed', () => {
    const plain: Flag = {
      ...wordFlag('wa aku', 'wa', 'offplatform'),
      explain: { read_as: 'wa', entry: 'whatsapp', evasions: [] },
    };
    expect(flagTooltip(plain, id, 'id')).toBe(
      'Di luar platform · dibaca sebagai “wa” (= whatsapp)',
    );
    expect(flagTooltip(plain, en, 'en')).toBe('Off-platform · read as “wa” (= whatsapp)');
  });

  it('does not repeat the entry when it was read exactly as written', () => {
    const exact: Flag = {
      ...wordFlag('dasar Penipu', 'Penipu', 'provocation'),
      explain: { read_as: 'penipu', entry: 'penipu', evasions: [] },
    };
    expect(flagTooltip(exact, id, 'id')).toBe(
      'Provokasi — tanggapi dengan tenang · dibaca sebagai “penipu”',
    );
    expect(flagTooltip(exact, en, 'en')).toBe('Provocation — respond calmly · read as “penipu”');
  });

  it('says only the category and code word without an explanation', () => {
    expect(flagTooltip(wordFlag(text, 'cek', 'competitor', 'aplikasi oren'), id, 'id')).toBe(
      'Pesaing · ganti: aplikasi oren',
    );
    expect(flagTooltip(authorFlag('spam', 'repeat'), en, 'en')).toBe('Spam');
    expect(flagTooltip(wordFlag(text, 'ya', { custom: 'obat keras' }, '  '), en, 'en')).toBe(
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
      expect(flagTooltip(flag, en, 'en')).toBe(
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
    expect(flagTooltip(xss, en, 'en')).toBe(
      'Profanity · read as “<b>x</b>” (= x) · invisible characters',
    );
  });
});

describe('the rule behind a flag', () => {
  const text = 'beli di tokped aja lebih murah';
  const gated: Flag = {
    ...wordFlag(text, 'tokped', 'competitor', 'aplikasi hijau'),
    explain: {
      read_as: 'tokped',
      entry: 'tokped',
      evasions: [],
      cue: { cue: 'beli', matched: 'beli' },
    },
    why: why(),
  };

  it('names the rule, its source with the date it was read, and the cue that made it fire', () => {
    expect(flagTooltip(gated, id, 'id').split('\n')).toEqual([
      'Pesaing · dibaca sebagai “tokped” · Pemicu: “beli” (konteks) · ganti: aplikasi hijau',
      'Aturan: Jangan arahkan pembeli ke toko atau aplikasi lain.',
      'Sumber: TikTok Shop Seller University: LIVE Rules (dibaca 2026-12-07)',
    ]);
    expect(flagTooltip(gated, en, 'en').split('\n')).toEqual([
      'Competitor · read as “tokped” · Cue: “beli” (context) · say: aplikasi hijau',
      'Rule: Do not send buyers to another shop or app.',
      'Source: TikTok Shop Seller University: LIVE Rules (read 2026-12-07)',
    ]);
  });

  it('shows the points as the source states them, and none where it states none', () => {
    const points = why({ points: '2–24 poin per pelanggaran' });
    expect(whyLines(points, id, 'id')).toContain('Poin pelanggaran: 2–24 poin per pelanggaran');
    expect(whyLines(points, en, 'en')).toContain('Violation points: 2–24 poin per pelanggaran');
    expect(whyShort(points, id, 'id')).toBe(
      'Aturan: Jangan arahkan pembeli ke toko atau aplikasi lain. · Poin pelanggaran: 2–24 poin per pelanggaran',
    );
    expect(whyLines(why(), id, 'id').join(' ')).not.toMatch(/[Pp]oin/);
    expect(whyLines(why({ points: '  ' }), en, 'en')).toHaveLength(2);
    expect(whyShort(why(), en, 'en')).toBe('Rule: Do not send buyers to another shop or app.');
  });

  it('names the cue as typed, and as the pack writes it when they differ', () => {
    expect(cueText({ cue: 'beli', matched: 'Beli' }, id)).toBe('Pemicu: “Beli” (konteks)');
    expect(cueText({ cue: 'lebih murah di', matched: 'lbh murah di' }, id)).toBe(
      'Pemicu: “lbh murah di” (= lebih murah di, konteks)',
    );
    expect(cueText({ cue: 'cek', matched: 'cek' }, en)).toBe('Cue: “cek” (context)');
  });

  it('leaves the rule out where the flag names none (the shop’s own terms, spam)', () => {
    const own = wordFlag('ada pasarku?', 'pasarku', 'competitor');
    expect(flagTooltip(own, id, 'id')).not.toContain('\n');
    expect(flagTooltip(authorFlag('spam', 'repeat'), id, 'id')).toBe('Spam');
  });

  it('says an information-only flag is no finding, with nothing to say instead', () => {
    const info: Flag = {
      ...wordFlag('checkout di tokopedia kak', 'tokopedia', 'competitor', 'aplikasi hijau'),
      severity: 'none',
      info: true,
      why: why(),
    };
    expect(isInfoFlag(info)).toBe(true);
    expect(isInfoFlag(gated)).toBe(false);
    const [first] = flagTooltip(info, id, 'id').split('\n');
    expect(first).toBe('Info saja, bukan temuan: tidak ada kata pemicu di dekatnya · Pesaing');
    expect(suggestionsOf([info])).toEqual([]);
  });

  it('finds the flag a finding is about: of its category, not information only, naming its rule', () => {
    const sentence = 'cek tokopedia wa aku';
    const info: Flag = { ...wordFlag(sentence, 'tokopedia', 'competitor'), info: true };
    const own = wordFlag(sentence, 'cek', 'competitor');
    const ruled: Flag = { ...wordFlag(sentence, 'wa', 'offplatform'), why: why() };
    const withRule: Flag = { ...own, term: 'tokped', why: why({ policy: 'rivals' }) };
    expect(flagAbout([info, own, ruled], 'competitor')).toBe(own);
    expect(flagAbout([info, own, withRule], 'competitor')).toBe(withRule);
    expect(flagAbout([info, own, ruled], 'offplatform')).toBe(ruled);
    expect(flagAbout([info], 'competitor')).toBeNull();
    const custom = wordFlag(sentence, 'aku', { custom: 'merek' });
    expect(flagAbout([custom], { custom: 'merek' })).toBe(custom);
    expect(flagAbout([custom], { custom: 'lain' })).toBeNull();
  });
});
