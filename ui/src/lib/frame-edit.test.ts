import { describe, expect, it } from 'vitest';
import type { FrameLayer } from './bindings/FrameLayer';
import type { FrameTemplateFile } from './bindings/FrameTemplateFile';
import {
  addLayer,
  baseEdit,
  centredBox,
  clampBox,
  colorRgb,
  duplicateLayer,
  fieldNames,
  fitScale,
  isColor,
  isTemplateId,
  KNOWN_FIELDS,
  LAYER_KINDS,
  layerLabel,
  moveLayer,
  movedBox,
  newLayer,
  nudgeFor,
  previewFields,
  readNumber,
  removeLayer,
  replaceLayer,
  resizedBox,
  safeZones,
  weightValue,
  withRgb,
} from './frame-edit';
import { translate } from './i18n.svelte';
import { SAFE_ZONES } from './test-fixtures';

const CANVAS = { width: 1080, height: 1920 };
const ZONES = SAFE_ZONES;
const t = (key: Parameters<typeof translate>[1]) => translate('id', key);

function rect(name: string): FrameLayer {
  return { kind: 'rect', name, x: 0, y: 0, w: 10, h: 10, radius: 0, opacity: 1, fill: '#FFF' };
}

function file(...names: string[]): FrameTemplateFile {
  return {
    template: { name: 'T', width: 1080, height: 1920 },
    fields: { promo: 'Diskon', brand: 'Novilla' },
    layer: names.map(rect),
  };
}

const names = (edit: { file: FrameTemplateFile }) => edit.file.layer.map((layer) => layer.name);

describe('the edit and its origins', () => {
  it('starts with every layer its own file layer', () => {
    expect(baseEdit(file('a', 'b', 'c')).origins).toEqual([0, 1, 2]);
  });

  it('moves the origin with a reordered layer', () => {
    const edit = moveLayer(baseEdit(file('a', 'b', 'c')), 0, 2);
    expect(names(edit)).toEqual(['b', 'c', 'a']);
    expect(edit.origins).toEqual([1, 2, 0]);
    const back = moveLayer(edit, 2, 0);
    expect(back.origins).toEqual([0, 1, 2]);
    // Past either end nothing moves further.
    expect(moveLayer(edit, 0, -3).origins).toEqual([1, 2, 0]);
    expect(moveLayer(edit, 2, 9)).toBe(edit);
  });

  it('gives a duplicate no origin, just above the original', () => {
    const edit = duplicateLayer(baseEdit(file('a', 'b')), 0);
    expect(names(edit)).toEqual(['a', 'a', 'b']);
    expect(edit.origins).toEqual([0, null, 1]);
    // A deep copy: editing the copy leaves the original.
    expect(edit.file.layer[1]).not.toBe(edit.file.layer[0]);
  });

  it('drops the origin of a deleted layer and keeps the others', () => {
    const edit = removeLayer(baseEdit(file('a', 'b', 'c')), 1);
    expect(names(edit)).toEqual(['a', 'c']);
    expect(edit.origins).toEqual([0, 2]);
    expect(removeLayer(edit, 5)).toBe(edit);
  });

  it('adds a new layer on top, without an origin', () => {
    const edit = addLayer(removeLayer(baseEdit(file('a', 'b')), 0), rect('new'));
    expect(names(edit)).toEqual(['b', 'new']);
    expect(edit.origins).toEqual([1, null]);
    const moved = moveLayer(edit, 1, 0);
    expect(moved.origins).toEqual([null, 1]);
  });

  it('replaces a layer in place and leaves the opened file alone', () => {
    const opened = baseEdit(file('a', 'b'));
    const edit = replaceLayer(opened, 1, rect('B'));
    expect(names(edit)).toEqual(['a', 'B']);
    expect(edit.origins).toEqual([0, 1]);
    expect(names(opened)).toEqual(['a', 'b']);
  });

  it('names a layer by its name, else by its kind and number', () => {
    expect(layerLabel(rect('Harga'), 0, t)).toBe('Harga');
    expect(layerLabel({ ...rect(''), name: null }, 2, t)).toBe('Kotak 3');
  });
});

describe('moving and resizing on the canvas', () => {
  it('fits the canvas to the space, by its height when tall', () => {
    expect(fitScale({ width: 800, height: 960 }, CANVAS)).toBe(0.5);
    expect(fitScale({ width: 270, height: 960 }, CANVAS)).toBe(0.25);
    // A drag of 30 screen px at scale 0.5 is 60 canvas px.
    const scale = fitScale({ width: 800, height: 960 }, CANVAS);
    expect(movedBox({ x: 100, y: 100, w: 50, h: 50 }, 30 / scale, 0, CANVAS).x).toBe(160);
  });

  it('snaps to whole px and keeps the box inside the canvas', () => {
    expect(movedBox({ x: 10, y: 10, w: 100, h: 100 }, 2.4, 2.6, CANVAS)).toEqual({
      x: 12,
      y: 13,
      w: 100,
      h: 100,
    });
    expect(movedBox({ x: 10, y: 10, w: 100, h: 100 }, -50, 5000, CANVAS)).toEqual({
      x: 0,
      y: 1820,
      w: 100,
      h: 100,
    });
    expect(movedBox({ x: 900, y: 0, w: 100, h: 100 }, 500, 0, CANVAS).x).toBe(980);
    expect(clampBox({ x: -5, y: 3.5, w: 2000, h: 0 }, CANVAS)).toEqual({
      x: 0,
      y: 4,
      w: 1080,
      h: 1,
    });
  });

  it('resizes from a corner, the opposite corner staying put', () => {
    const box = { x: 100, y: 200, w: 300, h: 400 };
    expect(resizedBox(box, 'se', 50.4, -100, CANVAS)).toEqual({ x: 100, y: 200, w: 350, h: 300 });
    expect(resizedBox(box, 'nw', -20, 10, CANVAS)).toEqual({ x: 80, y: 210, w: 320, h: 390 });
    expect(resizedBox(box, 'ne', 10, -10, CANVAS)).toEqual({ x: 100, y: 190, w: 310, h: 410 });
    expect(resizedBox(box, 'sw', 10, 10, CANVAS)).toEqual({ x: 110, y: 200, w: 290, h: 410 });
  });

  it('never resizes past the canvas or to nothing', () => {
    const box = { x: 100, y: 200, w: 300, h: 400 };
    expect(resizedBox(box, 'nw', -500, -500, CANVAS)).toEqual({ x: 0, y: 0, w: 400, h: 600 });
    expect(resizedBox(box, 'se', 5000, 5000, CANVAS)).toEqual({
      x: 100,
      y: 200,
      w: 980,
      h: 1720,
    });
    expect(resizedBox(box, 'se', -1000, -1000, CANVAS)).toEqual({ x: 100, y: 200, w: 1, h: 1 });
    expect(resizedBox(box, 'nw', 1000, 1000, CANVAS)).toEqual({ x: 399, y: 599, w: 1, h: 1 });
  });

  it('nudges by 1 px, 10 with Shift', () => {
    expect(nudgeFor('ArrowLeft', false)).toEqual({ dx: -1, dy: 0 });
    expect(nudgeFor('ArrowDown', true)).toEqual({ dx: 0, dy: 10 });
    expect(nudgeFor('a', false)).toBeNull();
  });
});

describe('the guides and new layers', () => {
  it('draws TikTok’s zones at their 1080×1920 sizes, scaled for other canvases', () => {
    const zones = safeZones(CANVAS, ZONES);
    expect(zones.map(({ label, ...box }) => [label, box])).toEqual([
      ['zoneTop', { x: 0, y: 0, w: 1080, h: 250 }],
      ['zoneRight', { x: 910, y: 0, w: 170, h: 1920 }],
      ['zoneBottom', { x: 0, y: 1500, w: 1080, h: 420 }],
      ['zoneComments', { x: 0, y: 1150, w: 720, h: 350 }],
    ]);
    expect(safeZones({ width: 540, height: 960 }, ZONES)[1]).toMatchObject({ x: 455, w: 85 });
  });

  it('draws the zones the core sends, so a changed [frame.safe_zones] moves the guides', () => {
    const changed = { ...ZONES, top: 320, right: 200, bottom: 500, comments_top: 1000 };
    expect(safeZones(CANVAS, changed).map(({ label, ...box }) => [label, box])).toEqual([
      ['zoneTop', { x: 0, y: 0, w: 1080, h: 320 }],
      ['zoneRight', { x: 880, y: 0, w: 200, h: 1920 }],
      ['zoneBottom', { x: 0, y: 1420, w: 1080, h: 500 }],
      ['zoneComments', { x: 0, y: 1000, w: 720, h: 420 }],
    ]);
    const layer = newLayer('text', CANVAS, changed, 'n');
    expect(layer.y).toBeGreaterThanOrEqual(320);
    expect(layer.y + layer.h).toBeLessThanOrEqual(1000);
    expect(layer.x + layer.w).toBeLessThanOrEqual(880);
  });

  it('places a new layer in the free centre band, inside the canvas', () => {
    expect(centredBox(400, 200, CANVAS, ZONES)).toEqual({ x: 255, y: 600, w: 400, h: 200 });
    for (const kind of LAYER_KINDS) {
      const layer = newLayer(kind, CANVAS, ZONES, 'n');
      expect(layer.kind).toBe(kind);
      expect(layer.y).toBeGreaterThanOrEqual(250);
      expect(layer.y + layer.h).toBeLessThanOrEqual(1150);
      expect(layer.x + layer.w).toBeLessThanOrEqual(910);
    }
  });
});

describe('values the form checks', () => {
  it('reads colours as the core does', () => {
    for (const good of ['#FFF', '#1f3b2d', '#1F3B2DE6']) expect(isColor(good)).toBe(true);
    for (const bad of ['FFF', '#FFFF', '#12345G', 'red', '']) expect(isColor(bad)).toBe(false);
    expect(colorRgb('#abc')).toBe('#aabbcc');
    expect(colorRgb('#1F3B2DE6')).toBe('#1f3b2d');
    expect(withRgb('#1F3B2DE6', '#ff0000')).toBe('#FF0000E6');
    expect(withRgb('#1F3B2D', '#ff0000')).toBe('#FF0000');
  });

  it('reads numbers with their limits', () => {
    expect(readNumber('12', { integer: true })).toEqual({ value: 12 });
    expect(readNumber('1,5')).toEqual({ value: 1.5 });
    expect(readNumber('', { optional: true })).toEqual({ value: null });
    expect(readNumber('')).toEqual({ problem: 'valueRequired' });
    expect(readNumber('abc')).toEqual({ problem: 'valueNotNumber' });
    expect(readNumber('1.5', { integer: true })).toEqual({ problem: 'valueNotWhole' });
    expect(readNumber('2', { max: 1 })).toEqual({ problem: 'valueTooBig', params: { max: 1 } });
    expect(readNumber('-1', { min: 0 })).toEqual({ problem: 'valueTooSmall', params: { min: 0 } });
  });

  it('reads a weight written as a name', () => {
    expect(weightValue('extrabold')).toBe(800);
    expect(weightValue(600)).toBe(600);
  });

  it('sends the sample fields, or none to let the live’s apply', () => {
    expect(previewFields({ price: 'Rp 1', promo: ' ' }, false)).toEqual({ price: 'Rp 1' });
    expect(previewFields({ price: 'Rp 1' }, true)).toEqual({});
    // Pandu's own fields first, then the template's.
    expect(fieldNames(file())).toEqual([...KNOWN_FIELDS, 'brand']);
  });

  it('takes folder-like template ids only', () => {
    expect(isTemplateId('payday-2')).toBe(true);
    expect(isTemplateId('Payday')).toBe(false);
    expect(isTemplateId('a/b')).toBe(false);
    expect(isTemplateId('')).toBe(false);
  });
});
