// SVG from the core (the host view's QR code) shown as an image, never inserted as markup.

/** `svg` as a `data:image/svg+xml;base64,…` URL for an `<img>` (UTF-8 safe). */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  // In chunks: spreading a large array into one call would overflow the argument limit.
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}
