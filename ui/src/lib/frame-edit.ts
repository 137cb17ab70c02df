// The frame editor's model: the edit it sends (the template's file and, per layer, where in the
// opened file the layer came from, so the core keeps comments with moved layers), the box
// geometry of the canvas, TikTok's safe zones as guides (the zones the core renders by, which it
// sends with the document and each preview: never a copy of its defaults here), and the checks
// the form runs before the core sees a value.

import type { FrameEdit } from './bindings/FrameEdit';
import type { FrameLayer } from './bindings/FrameLayer';
import type { FrameSafeZones } from './bindings/FrameSafeZones';
import type { FrameSlotStyle } from './bindings/FrameSlotStyle';
import type { FrameTemplateFile } from './bindings/FrameTemplateFile';
import type { Weight } from './bindings/Weight';
import type { MessageKey } from './i18n.svelte';

export type LayerKind = FrameLayer['kind'];

/** In the order the "add" menu offers them. */
export const LAYER_KINDS: readonly LayerKind[] = [
  'rect',
  'text',
  'image',
  'countdown',
  'product_card',
  'pinned_comment',
];

export const KIND_NAMES: Record<LayerKind, MessageKey> = {
  rect: 'kindRect',
  text: 'kindText',
  image: 'kindImage',
  countdown: 'kindCountdown',
  product_card: 'kindProductCard',
  pinned_comment: 'kindPinnedComment',
};

/** The fields Pandu fills (overlays/README.md), in the order the editor lists them. */
export const KNOWN_FIELDS = [
  'product',
  'price',
  'promo',
  'shop',
  'official_account',
  'slot_ends',
] as const;

// ── The edit ────────────────────────────────────────────────────────────────────────────────

/** A freshly opened (or saved) file: every layer is the file's own. */
export function baseEdit(file: FrameTemplateFile): FrameEdit {
  return { file, origins: file.layer.map((_, index) => index) };
}

function withLayers(edit: FrameEdit, layers: FrameLayer[], origins: (number | null)[]): FrameEdit {
  return { file: { ...edit.file, layer: layers }, origins };
}

function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/** Layer `from` drawn at position `to` instead (clamped to the list). */
export function moveLayer(edit: FrameEdit, from: number, to: number): FrameEdit {
  const count = edit.file.layer.length;
  const target = Math.max(0, Math.min(count - 1, to));
  if (from < 0 || from >= count || from === target) return edit;
  return withLayers(edit, moved(edit.file.layer, from, target), moved(edit.origins, from, target));
}

/** A copy of layer `index`, drawn just above it; the copy is new (its origin is null). */
export function duplicateLayer(edit: FrameEdit, index: number): FrameEdit {
  const layer = edit.file.layer[index];
  if (layer === undefined) return edit;
  const layers = [...edit.file.layer];
  const origins = [...edit.origins];
  layers.splice(index + 1, 0, structuredClone(layer));
  origins.splice(index + 1, 0, null);
  return withLayers(edit, layers, origins);
}

export function removeLayer(edit: FrameEdit, index: number): FrameEdit {
  if (index < 0 || index >= edit.file.layer.length) return edit;
  return withLayers(
    edit,
    edit.file.layer.filter((_, i) => i !== index),
    edit.origins.filter((_, i) => i !== index),
  );
}

/** A new layer, drawn on top of the others. */
export function addLayer(edit: FrameEdit, layer: FrameLayer): FrameEdit {
  return withLayers(edit, [...edit.file.layer, layer], [...edit.origins, null]);
}

export function replaceLayer(edit: FrameEdit, index: number, layer: FrameLayer): FrameEdit {
  if (index < 0 || index >= edit.file.layer.length) return edit;
  return withLayers(
    edit,
    edit.file.layer.map((old, i) => (i === index ? layer : old)),
    edit.origins,
  );
}

/** "Harga" or, for a layer without a name, "Teks 3" (numbered from 1, as messages do). */
export function layerLabel(
  layer: FrameLayer,
  index: number,
  t: (key: MessageKey) => string,
): string {
  const name = layer.name?.trim();
  return name ? name : `${t(KIND_NAMES[layer.kind])} ${index + 1}`;
}

// ── Geometry ────────────────────────────────────────────────────────────────────────────────

export type Box = { x: number; y: number; w: number; h: number };
export type Size = { width: number; height: number };
export type Corner = 'nw' | 'ne' | 'sw' | 'se';

export const CORNERS: readonly Corner[] = ['nw', 'ne', 'sw', 'se'];

export function boxOf(layer: FrameLayer): Box {
  return { x: layer.x, y: layer.y, w: layer.w, h: layer.h };
}

export function withBox(layer: FrameLayer, box: Box): FrameLayer {
  return { ...layer, x: box.x, y: box.y, w: box.w, h: box.h };
}

/** Screen px per canvas px for the whole canvas to fit in `available`. */
export function fitScale(available: Size, canvas: Size): number {
  if (canvas.width <= 0 || canvas.height <= 0) return 0;
  return Math.max(0, Math.min(available.width / canvas.width, available.height / canvas.height));
}

const clamp = (value: number, low: number, high: number): number =>
  Math.max(low, Math.min(high, value));

/** Whole px, not empty, wholly inside the canvas (the core refuses anything else). */
export function clampBox(box: Box, canvas: Size): Box {
  const w = clamp(Math.round(box.w), 1, canvas.width);
  const h = clamp(Math.round(box.h), 1, canvas.height);
  return {
    x: clamp(Math.round(box.x), 0, canvas.width - w),
    y: clamp(Math.round(box.y), 0, canvas.height - h),
    w,
    h,
  };
}

/** `box` moved by (dx, dy) canvas px, kept inside the canvas at its size. */
export function movedBox(box: Box, dx: number, dy: number, canvas: Size): Box {
  return clampBox({ ...box, x: box.x + dx, y: box.y + dy }, canvas);
}

/** `box` with `corner` dragged by (dx, dy) canvas px; the opposite corner stays put. */
export function resizedBox(box: Box, corner: Corner, dx: number, dy: number, canvas: Size): Box {
  let left = box.x;
  let top = box.y;
  let right = box.x + box.w;
  let bottom = box.y + box.h;
  if (corner === 'nw' || corner === 'sw') left = clamp(Math.round(left + dx), 0, right - 1);
  else right = clamp(Math.round(right + dx), left + 1, canvas.width);
  if (corner === 'nw' || corner === 'ne') top = clamp(Math.round(top + dy), 0, bottom - 1);
  else bottom = clamp(Math.round(bottom + dy), top + 1, canvas.height);
  return { x: left, y: top, w: right - left, h: bottom - top };
}

/** How far an arrow key moves a layer: 1 px, 10 with Shift; null for other keys. */
export function nudgeFor(key: string, shift: boolean): { dx: number; dy: number } | null {
  const step = shift ? 10 : 1;
  switch (key) {
    case 'ArrowLeft':
      return { dx: -step, dy: 0 };
    case 'ArrowRight':
      return { dx: step, dy: 0 };
    case 'ArrowUp':
      return { dx: 0, dy: -step };
    case 'ArrowDown':
      return { dx: 0, dy: step };
    default:
      return null;
  }
}

// ── Safe zones ──────────────────────────────────────────────────────────────────────────────

export type Zone = Box & { label: MessageKey };

/**
 * TikTok's UI over a portrait frame, as the core's `zones` say (px of 1080×1920, the user's
 * `[frame.safe_zones]`), scaled to `canvas`: the top bar, the right button column, the bottom bar
 * and the comment list above it.
 */
export function safeZones(canvas: Size, zones: FrameSafeZones): Zone[] {
  const sx = canvas.width / 1080;
  const sy = canvas.height / 1920;
  const bottomTop = canvas.height - zones.bottom * sy;
  const commentsTop = zones.comments_top * sy;
  return [
    { label: 'zoneTop', x: 0, y: 0, w: canvas.width, h: zones.top * sy },
    {
      label: 'zoneRight',
      x: canvas.width - zones.right * sx,
      y: 0,
      w: zones.right * sx,
      h: canvas.height,
    },
    { label: 'zoneBottom', x: 0, y: bottomTop, w: canvas.width, h: zones.bottom * sy },
    {
      label: 'zoneComments',
      x: 0,
      y: commentsTop,
      w: zones.comments_width * sx,
      h: Math.max(0, bottomTop - commentsTop),
    },
  ];
}

/** A box of `w`×`h` in the middle of the band `zones` leave free (under the top bar, left of the
 * buttons, above the comments), where a new layer lands. */
export function centredBox(w: number, h: number, canvas: Size, zones: FrameSafeZones): Box {
  const sx = canvas.width / 1080;
  const sy = canvas.height / 1920;
  const bandTop = zones.top * sy;
  const bandBottom = zones.comments_top * sy;
  const bandRight = canvas.width - zones.right * sx;
  return clampBox(
    { x: (bandRight - w) / 2, y: bandTop + (bandBottom - bandTop - h) / 2, w, h },
    canvas,
  );
}

// ── New layers ──────────────────────────────────────────────────────────────────────────────

export const DEFAULT_FONT = 'Plus Jakarta Sans';
export const BUNDLED_FONTS = ['Plus Jakarta Sans', 'DejaVu Sans', 'Noto Color Emoji'] as const;

export function defaultSlotStyle(): FrameSlotStyle {
  return {
    background: '#000000B3',
    color: '#FFFFFF',
    accent: '#F4511E',
    radius: 24,
    font: DEFAULT_FONT,
  };
}

/**
 * A new layer of `kind` with sensible looks, in the centre band `zones` leave free; `name` is
 * its display name, `text` a text layer's content, `file` an image layer's picture.
 */
export function newLayer(
  kind: LayerKind,
  canvas: Size,
  zones: FrameSafeZones,
  name: string,
  content: { text?: string; file?: string } = {},
): FrameLayer {
  const sized = (w: number, h: number): Box =>
    centredBox(w * (canvas.width / 1080), h * (canvas.height / 1920), canvas, zones);
  switch (kind) {
    case 'rect':
      return {
        kind,
        name,
        ...sized(400, 200),
        fill: '#FFFFFFCC',
        gradient: null,
        radius: 24,
        opacity: 1,
        border: null,
      };
    case 'text':
      return {
        kind,
        name,
        ...sized(600, 100),
        text: content.text ?? '',
        font: DEFAULT_FONT,
        size: 48,
        min_size: null,
        weight: 700,
        italic: false,
        color: '#FFFFFF',
        align: 'center',
        valign: 'middle',
        line_height: 1.2,
        max_lines: null,
        outline: null,
        shadow: { color: '#00000080', x: 0, y: 4, blur: 8 },
        uppercase: false,
        letter_spacing: 0,
        opacity: 1,
      };
    case 'image':
      return {
        kind,
        name,
        ...sized(360, 360),
        file: content.file ?? '',
        fit: 'contain',
        opacity: 1,
        radius: 0,
      };
    case 'countdown':
      return { kind, name, ...sized(236, 220), style: defaultSlotStyle() };
    case 'product_card':
      return { kind, name, ...sized(236, 380), style: defaultSlotStyle() };
    case 'pinned_comment':
      return { kind, name, ...sized(640, 104), style: defaultSlotStyle() };
  }
}

// ── Values the form checks ──────────────────────────────────────────────────────────────────

/** `#RGB`, `#RRGGBB` or `#RRGGBBAA`, as the core reads colours. */
export function isColor(text: string): boolean {
  return /^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(text);
}

/** The `#rrggbb` part of a colour, for the system colour picker (which has no alpha). */
export function colorRgb(text: string): string {
  if (!isColor(text)) return '#000000';
  const hex = text.slice(1);
  if (hex.length === 3) {
    return `#${[...hex].map((digit) => digit + digit).join('')}`.toLowerCase();
  }
  return `#${hex.slice(0, 6)}`.toLowerCase();
}

/** `rgb` (`#rrggbb` from the picker) with the alpha `text` had. */
export function withRgb(text: string, rgb: string): string {
  const alpha = isColor(text) && text.length === 9 ? text.slice(7) : '';
  return `${rgb}${alpha}`.toUpperCase();
}

export type NumberRule = { min?: number; max?: number; integer?: boolean; optional?: boolean };

/** A typed number checked against `rule`: its value (null: left empty, if optional) or why not. */
export function readNumber(
  text: string,
  rule: NumberRule = {},
): { value: number | null } | { problem: MessageKey; params?: Record<string, number> } {
  const trimmed = text.trim();
  if (trimmed === '') return rule.optional ? { value: null } : { problem: 'valueRequired' };
  const value = Number(trimmed.replace(',', '.'));
  if (!Number.isFinite(value)) return { problem: 'valueNotNumber' };
  if (rule.integer && !Number.isInteger(value)) return { problem: 'valueNotWhole' };
  if (rule.min !== undefined && value < rule.min) {
    return { problem: 'valueTooSmall', params: { min: rule.min } };
  }
  if (rule.max !== undefined && value > rule.max) {
    return { problem: 'valueTooBig', params: { max: rule.max } };
  }
  return { value };
}

export const WEIGHTS: readonly { value: number; name: string }[] = [
  { value: 100, name: 'thin' },
  { value: 200, name: '200' },
  { value: 300, name: 'light' },
  { value: 400, name: 'regular' },
  { value: 500, name: 'medium' },
  { value: 600, name: 'semibold' },
  { value: 700, name: 'bold' },
  { value: 800, name: 'extrabold' },
  { value: 900, name: 'black' },
];

/** A weight as a number (the core sends numbers; a file may say a name). */
export function weightValue(weight: Weight): number {
  if (typeof weight === 'number') return weight;
  return WEIGHTS.find((entry) => entry.name === weight)?.value ?? 400;
}

/**
 * The fields a preview sends: none when the live's values should apply (the run sheet's current
 * slot, the settings), else the sample values that are filled in.
 */
export function previewFields(
  samples: Record<string, string>,
  useLive: boolean,
): Record<string, string> {
  if (useLive) return {};
  return Object.fromEntries(Object.entries(samples).filter(([, value]) => value.trim() !== ''));
}

/** The fields the editor offers: Pandu's own, then the template's own in its order. */
export function fieldNames(file: FrameTemplateFile): string[] {
  const own = Object.keys(file.fields).filter(
    (name) => !(KNOWN_FIELDS as readonly string[]).includes(name),
  );
  return [...KNOWN_FIELDS, ...own];
}

/** A new template id as the core takes it: a folder name, lowercase. */
export function isTemplateId(id: string): boolean {
  return /^[a-z0-9_-]+$/.test(id);
}
