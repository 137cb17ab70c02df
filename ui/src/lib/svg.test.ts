import { describe, expect, it } from 'vitest';
import { svgDataUrl } from './svg';

describe('svgDataUrl', () => {
  it('encodes SVG (UTF-8, any size) as a base64 data URL', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"><title>Tampilan host — QR</title>${'<rect/>'.repeat(20_000)}</svg>`;
    const url = svgDataUrl(svg);
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const bytes = Uint8Array.from(atob(url.split(',')[1]!), (c) => c.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).toBe(svg);
  });
});
