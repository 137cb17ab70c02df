// Server-renders the frame editor's parts: a designer's layer names and text stay text (never
// markup), the form has a field for every property of each kind, the layers panel lists the
// front layer first, the template list marks the one on air, and the hooks the e2e test uses.

import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { FrameLayer } from '../bindings/FrameLayer';
import type { FrameTemplateEntry } from '../bindings/FrameTemplateEntry';
import { newLayer } from '../frame-edit';
import { FrameStore } from '../frame.svelte';
import { SAFE_ZONES, visibleText } from '../test-fixtures';
import FrameCanvas from './FrameCanvas.svelte';
import FrameEditor from './FrameEditor.svelte';
import FrameEditorList from './FrameEditorList.svelte';
import FrameLayerProps from './FrameLayerProps.svelte';
import FrameLayersPanel from './FrameLayersPanel.svelte';

const XSS = '<img src=x onerror=alert(1)>';
const CANVAS = { width: 1080, height: 1920 };

function layerOf(kind: FrameLayer['kind'], name: string | null = null): FrameLayer {
  return { ...newLayer(kind, CANVAS, SAFE_ZONES, 'x'), name };
}

/** The `data-testid` values in `html`, in order. */
function testids(html: string): string[] {
  return [...html.matchAll(/data-testid="([^"]+)"/g)].map((match) => match[1]!);
}

describe('the properties form', () => {
  it('renders a layer name and text holding markup as text', () => {
    const layer = { ...layerOf('text', XSS), text: `${XSS}<script>alert(2)</script>` };
    const { body } = render(FrameLayerProps, {
      props: { layer, index: 0, onchange: () => {} },
    });
    expect(body).not.toContain('<img src=x');
    expect(body).not.toContain('<script>');
    // The name sits in the input's value, escaped.
    const name = body.match(/<input(?:[^>"]|"[^"]*")*data-testid="frame-prop-name"/)?.[0] ?? '';
    expect(name).toContain('value="&lt;img src=x onerror=alert(1)>"');
    const text = body.match(/data-testid="frame-prop-text"[^>]*>([\s\S]*?)<\/textarea>/)?.[1];
    expect(visibleText(text ?? '')).toBe(`${XSS}<script>alert(2)</script>`);
  });

  it('has a field for every property of each kind', () => {
    const fields = (kind: FrameLayer['kind']) =>
      testids(
        render(FrameLayerProps, { props: { layer: layerOf(kind), index: 2, onchange: () => {} } })
          .body,
      );
    expect(fields('rect')).toEqual(
      expect.arrayContaining([
        'frame-prop-name',
        'frame-prop-x',
        'frame-prop-y',
        'frame-prop-w',
        'frame-prop-h',
        'frame-prop-fill-on',
        'frame-prop-fill',
        'frame-prop-gradient-on',
        'frame-prop-border-on',
        'frame-prop-radius',
        'frame-prop-opacity',
      ]),
    );
    expect(fields('text')).toEqual(
      expect.arrayContaining([
        'frame-prop-text',
        'frame-prop-font',
        'frame-prop-size',
        'frame-prop-min_size',
        'frame-prop-weight',
        'frame-prop-italic',
        'frame-prop-color',
        'frame-prop-align',
        'frame-prop-valign',
        'frame-prop-line_height',
        'frame-prop-max_lines',
        'frame-prop-outline-on',
        'frame-prop-shadow-on',
        'frame-prop-uppercase',
        'frame-prop-letter_spacing',
        'frame-prop-opacity',
      ]),
    );
    expect(fields('image')).toEqual(
      expect.arrayContaining(['frame-prop-file', 'frame-prop-fit', 'frame-prop-radius']),
    );
    expect(fields('countdown')).toEqual(
      expect.arrayContaining(['frame-prop-background', 'frame-prop-color', 'frame-prop-accent']),
    );
  });

  it('shows the text layer’s fields hint', () => {
    const { body } = render(FrameLayerProps, {
      props: { layer: layerOf('text'), index: 0, onchange: () => {} },
    });
    expect(visibleText(body)).toContain('{product} {price} {promo}');
  });
});

describe('the layers panel', () => {
  it('lists the front layer first, names as text', () => {
    const layers = [layerOf('rect', 'Latar'), layerOf('text', XSS), layerOf('countdown')];
    const { body } = render(FrameLayersPanel, {
      props: {
        layers,
        selected: 1,
        onselect: () => {},
        onmove: () => {},
        onduplicate: () => {},
        ondelete: () => {},
        onadd: () => {},
        onaddimage: () => {},
      },
    });
    expect(body).not.toContain('<img src=x');
    const items = [...body.matchAll(/data-testid="frame-layer-item" data-index="(\d)"/g)];
    expect(items.map((match) => match[1])).toEqual(['2', '1', '0']);
    expect(visibleText(body)).toContain(XSS);
    expect(visibleText(body)).toContain('Hitung mundur 3');
    expect(testids(body)).toEqual(
      expect.arrayContaining(['frame-add-rect', 'frame-add-text', 'frame-add-image']),
    );
  });
});

describe('the canvas', () => {
  it('has a box per layer and the preview image', () => {
    const { body } = render(FrameCanvas, {
      props: {
        canvas: CANVAS,
        zones: SAFE_ZONES,
        layers: [layerOf('rect', XSS), layerOf('text')],
        selected: 0,
        png: 'data:image/png;base64,AAAA',
        busy: false,
        onselect: () => {},
        onbox: () => {},
      },
    });
    expect(body).not.toContain('<img src=x');
    expect(body).toContain('data-testid="frame-canvas"');
    expect(body).toMatch(
      /<img[^>]*src="data:image\/png;base64,AAAA"[^>]*data-testid="frame-preview-img"/,
    );
    expect(body.match(/data-testid="frame-layer-box"/g)).toHaveLength(2);
    expect(body.match(/data-testid="frame-handle-/g)).toHaveLength(4);
  });
});

describe('the template list', () => {
  const entries: FrameTemplateEntry[] = [
    {
      id: 'novilla',
      summary: { id: 'novilla', name: 'Novilla', width: 1080, height: 1920, slots: {} },
      error: null,
    },
    {
      id: 'rusak',
      summary: null,
      error: 'template.toml:4: unknown layer kind `circle`',
    },
  ];

  it('marks the one on air and offers actions on the open one', () => {
    const { body } = render(FrameEditorList, {
      props: {
        entries,
        onAir: 'novilla',
        openId: 'novilla',
        onopen: () => {},
        oncopy: () => {},
        onrename: () => {},
        ondelete: () => {},
      },
    });
    expect(body.match(/data-testid="frame-edit-template" data-id="[^"]+"/g)).toEqual([
      'data-testid="frame-edit-template" data-id="novilla"',
      'data-testid="frame-edit-template" data-id="rusak"',
    ]);
    expect(body).toContain('data-testid="frame-edit-on-air"');
    expect(body).toMatch(/data-testid="frame-delete"[^>]*disabled/);
    expect(visibleText(body)).toContain('unknown layer kind');
  });
});

describe('the editor', () => {
  it('starts with the list loading and the toolbar in place', () => {
    const { body } = render(FrameEditor, { props: { frame: new FrameStore() } });
    expect(testids(body)).toEqual(
      expect.arrayContaining([
        'frame-editor',
        'frame-undo',
        'frame-redo',
        'frame-save',
        'frame-export',
      ]),
    );
    expect(body).not.toContain('data-testid="frame-unsaved"');
  });
});
