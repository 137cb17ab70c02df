// How the core's moderation flags look on screen: each category's colour and label, and what the
// host should say instead. What a flag *means* (its severity, whether it marks text or the
// author, the handle an impersonator copies) and which finding a comment is shown by
// (`Comment.finding`) come from the core; this file only labels them. Pure, so it is tested
// without a DOM.

import type { Category } from './bindings/Category';
import type { CueHit } from './bindings/CueHit';
import type { Evasion } from './bindings/Evasion';
import type { Flag } from './bindings/Flag';
import type { Why } from './bindings/Why';
import { localized, type Lang, type MessageKey, type Params } from './i18n.svelte';

type Translate = (key: MessageKey, params?: Params) => string;

/** A category the core names (src/event.rs `Category`), as opposed to a user's own label. */
export type NamedCategory = Exclude<Category, { custom: string }>;

export const MUTED: NamedCategory = 'muted';

/** The category slots the import form offers (the rest come from detectors, not word lists). */
export const IMPORT_CATEGORIES = [
  'competitor',
  'offplatform',
  'profanity',
  'gambling',
  'claim',
  'provocation',
] as const satisfies readonly NamedCategory[];

/**
 * Each named category's name. A `Record` over the core's type: a category the core adds or
 * renames fails the type check here.
 */
const NAMES: Record<NamedCategory, MessageKey> = {
  impersonation: 'categoryImpersonation',
  profanity: 'categoryProfanity',
  offplatform: 'categoryOffplatform',
  competitor: 'categoryCompetitor',
  gambling: 'categoryGambling',
  claim: 'categoryClaim',
  provocation: 'categoryProvocation',
  spam: 'categorySpam',
  muted: 'categoryMuted',
};

/** What the co-host should do about a finding, for the categories where that is not obvious. */
const ADVICE: Partial<Record<NamedCategory, MessageKey>> = {
  provocation: 'adviceProvocation',
};

/**
 * One colour per category, picked from the Okabe–Ito palette (lightened for a dark background)
 * so the common colour-vision deficiencies still tell them apart; the label always goes with it.
 */
const COLOURS: Record<NamedCategory, string> = {
  impersonation: '#ff4d4d',
  profanity: '#e69f00',
  offplatform: '#d98cc0',
  competitor: '#56b4e9',
  // Okabe–Ito's vermillion, a touch lighter: apart from profanity's orange and impersonation's
  // red under the common deficiencies, and as readable on the dark background as the others.
  gambling: '#de6410',
  claim: '#f0e442',
  // Violet, darker than the pale lavender next to offplatform's pink would be: a lighter one
  // reads as competitor's blue to protanopes and deuteranopes.
  provocation: '#ad73ff',
  spam: '#9aa0a8',
  muted: '#6b7280',
};

/** Every label a user invents shares this one: teal, unlike any shipped category. */
export const CUSTOM_COLOUR = '#2fc4a0';

export function isNamedCategory(category: Category): category is NamedCategory {
  return typeof category === 'string';
}

/**
 * A category as a bare label (the agency hub's report names them so): a category the core names,
 * or a user's own label.
 */
export function categoryOf(label: string): Category {
  return Object.hasOwn(NAMES, label) ? (label as NamedCategory) : { custom: label };
}

/**
 * A category as one string, for keys, CSS classes and `data-` attributes: the named category,
 * or `custom` for every label of the user's own (its text stays out of class names).
 */
export function categoryKey(category: Category): string {
  return isNamedCategory(category) ? category : 'custom';
}

/** The localised name alone ("Provokasi"), or the user's own label as they wrote it. */
export function categoryName(category: Category, t: Translate): string {
  return isNamedCategory(category) ? t(NAMES[category]) : category.custom;
}

/**
 * What a finding is labelled with: the name, plus what to do about it where the category has
 * advice ("Provokasi — tanggapi dengan tenang"). Lists of categories use `categoryName`.
 */
export function categoryLabel(category: Category, t: Translate): string {
  const name = categoryName(category, t);
  const advice = isNamedCategory(category) ? ADVICE[category] : undefined;
  return advice === undefined
    ? name
    : t('categoryWithAdvice', { category: name, advice: t(advice) });
}

export function categoryColour(category: Category): string {
  return isNamedCategory(category) ? COLOURS[category] : CUSTOM_COLOUR;
}

/** Author-level flags (flood, caps, impersonation, muted) point at no text. */
export function isAuthorFlag(flag: Flag): boolean {
  return flag.target === 'author';
}

/**
 * Information only: a context-gated entry found with no cue near it. The core gives it no
 * severity; it is never a finding, a banner or a code word to say, and is shown quietly.
 */
export function isInfoFlag(flag: Flag): boolean {
  return flag.info === true;
}

function sameCategory(a: Category, b: Category): boolean {
  return isNamedCategory(a) || isNamedCategory(b) ? a === b : a.custom === b.custom;
}

/**
 * The flag a comment's finding (its badge, its banner) is about: the first of `category` that
 * is a finding, one that names its rule (`why`) first. Null when none is.
 */
export function flagAbout(flags: readonly Flag[], category: Category): Flag | null {
  const findings = flags.filter((f) => !isInfoFlag(f) && sameCategory(f.category, category));
  return findings.find((f) => f.why !== undefined) ?? findings[0] ?? null;
}

export function isMutedFlags(flags: readonly Flag[]): boolean {
  return flags.some((flag) => flag.category === MUTED);
}

/** The code words to say instead, each once, in the order the viewer wrote the words. */
export function suggestionsOf(flags: readonly Flag[]): string[] {
  const seen = new Set<string>();
  const ordered = [...flags].sort((a, b) => a.start - b.start);
  for (const flag of ordered) {
    if (isInfoFlag(flag)) continue;
    if (flag.suggest !== null && flag.suggest.trim() !== '') seen.add(flag.suggest);
  }
  return [...seen];
}

/** The official handle an impersonator copies (without `@`), as the core names it, or null. */
export function impersonatedHandle(flags: readonly Flag[]): string | null {
  return flags.find((f) => f.imitates !== undefined)?.imitates ?? null;
}

const EVASIONS: Record<Evasion, MessageKey> = {
  look_alike: 'evasionLookAlike',
  accents: 'evasionAccents',
  leet: 'evasionLeet',
  invisible: 'evasionInvisible',
  spread: 'evasionSpread',
  repeats: 'evasionRepeats',
};

/** The localised name of an evasion; one the UI does not know yet shows as the core names it. */
export function evasionLabel(evasion: Evasion, t: Translate): string {
  return Object.hasOwn(EVASIONS, evasion) ? t(EVASIONS[evasion]) : evasion;
}

/** The rule a pack's flag protects, in `lang`, as the pack writes it. */
export function whyRule(why: Why, lang: Lang): string {
  return localized(why.rule, lang);
}

/**
 * The why as lines of plain text: the rule, the document it comes from with the date it was
 * read, and the violation points only where the source states them (as it states them).
 */
export function whyLines(why: Why, t: Translate, lang: Lang): string[] {
  const lines = [
    t('whyRule', { rule: whyRule(why, lang) }),
    t('whySource', { source: why.source, read: why.read }),
  ];
  if (why.points !== null && why.points.trim() !== '') {
    lines.push(t('whyPoints', { points: why.points }));
  }
  return lines;
}

/**
 * The rule in one line, for a banner: the rule and, where the source states them, its points
 * (`Aturan: … · Poin pelanggaran: 2–24 poin`).
 */
export function whyShort(why: Why, t: Translate, lang: Lang): string {
  const [rule, , points] = whyLines(why, t, lang);
  return points === undefined ? rule! : `${rule} · ${points}`;
}

/** Which context word made a context-gated entry fire: `Pemicu: “beli” (konteks)`. */
export function cueText(cue: CueHit, t: Translate): string {
  return cue.matched.toLowerCase() === cue.cue.toLowerCase()
    ? t('whyCue', { cue: cue.matched })
    : t('whyCueEntry', { cue: cue.matched, entry: cue.cue });
}

/**
 * "Why did this fire?", as plain text for a `title`. The first line: whether it is information
 * only, the category, how the words were read and which entry that is, the evasions undone, the
 * cue that made it fire and the code word, e.g.
 * `Pesaing · dibaca sebagai “shope” (= shopee) · huruf dipisah, huruf diulang · ganti: aplikasi oren`.
 * Then, for a rule pack's flag, the rule, its source and points (`whyLines`), a line each.
 * Parts the flag has nothing for are left out (author flags have no `explain`).
 */
export function flagTooltip(flag: Flag, t: Translate, lang: Lang): string {
  const info = isInfoFlag(flag);
  const parts = info ? [t('flagInfoOnly')] : [];
  parts.push(categoryLabel(flag.category, t));
  const explain = flag.explain;
  if (explain) {
    // "(= shopee)" says nothing when the words were read exactly as the entry is written.
    const same = explain.read_as.toLowerCase() === explain.entry.toLowerCase();
    parts.push(
      same
        ? t('tooltipReadAs', { read: explain.read_as })
        : t('tooltipReadAsEntry', { read: explain.read_as, entry: explain.entry }),
    );
    if (explain.evasions.length > 0) {
      parts.push(explain.evasions.map((evasion) => evasionLabel(evasion, t)).join(', '));
    }
    if (explain.cue !== undefined) parts.push(cueText(explain.cue, t));
  }
  if (!info && flag.suggest !== null && flag.suggest.trim() !== '') {
    parts.push(t('tooltipSuggest', { suggest: flag.suggest }));
  }
  const lines = [parts.join(' · ')];
  if (flag.why !== undefined) lines.push(...whyLines(flag.why, t, lang));
  return lines.join('\n');
}
