// The rule packs as Pengaturan lists them: Pandu's built-in rules (src/moderation/packs/), each
// switched on or off in the settings (`[moderation] packs`, saved by `set_rule_packs`). What a
// pack holds and where its flags appear come from the core; this file only words them and keeps
// the choice. Pure, so it is tested without a DOM.

import type { RulePack } from './bindings/RulePack';
import type { Surface } from './bindings/Surface';
import type { MessageKey, Params } from './i18n.svelte';

type Translate = (key: MessageKey, params?: Params) => string;

const SURFACES: Record<Surface, MessageKey> = {
  comments: 'packSurfaceComments',
  script: 'packSurfaceScript',
};

/** Where a pack's flags appear, as words: "komentar penonton dan naskah host". */
export function surfacesText(surfaces: readonly Surface[], t: Translate): string {
  // One the UI does not know yet shows as the core names it.
  const names = surfaces.map((surface) =>
    Object.hasOwn(SURFACES, surface) ? t(SURFACES[surface]) : surface,
  );
  if (names.length === 2) return t('packSurfacesBoth', { first: names[0]!, second: names[1]! });
  return names.join(', ');
}

/** What a pack holds: "12 istilah, 3 pola". */
export function packEntries(pack: RulePack, t: Translate): string {
  return t('packEntries', { terms: pack.terms, patterns: pack.patterns });
}

/** Where a pack applies and what it holds: "Berlaku untuk naskah host · 30 istilah, 0 pola". */
export function packMeta(pack: RulePack, t: Translate): string {
  const where = t('packAppliesTo', { surfaces: surfacesText(pack.applies_to, t) });
  return `${where} · ${packEntries(pack, t)}`;
}

/** The ids of the packs the settings switch on, in the order the core lists them. */
export function enabledPacks(list: readonly RulePack[]): string[] {
  return list.filter((pack) => pack.enabled).map((pack) => pack.id);
}

/** `chosen` with `id` switched on or off, in the order the core lists the packs. */
export function withPack(
  list: readonly RulePack[],
  chosen: readonly string[],
  id: string,
  on: boolean,
): string[] {
  return list.map((pack) => pack.id).filter((each) => (each === id ? on : chosen.includes(each)));
}

/** Whether `chosen` differs from what the settings switch on. */
export function packsChanged(list: readonly RulePack[], chosen: readonly string[]): boolean {
  const enabled = enabledPacks(list);
  return enabled.length !== chosen.length || enabled.some((id) => !chosen.includes(id));
}
