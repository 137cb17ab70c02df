import { describe, expect, it } from 'vitest';
import type { FrameView } from './bindings/FrameView';
import type { HostLink } from './bindings/HostLink';
import { framePngUrl, FrameStore, lanOverlayUrl, overlayUrl, slotsText } from './frame.svelte';
import { translate, type MessageKey, type Params } from './i18n.svelte';
import { comment, gift, SAFE_ZONES } from './test-fixtures';

const id = (key: MessageKey, params?: Params) => translate('id', key, params);

function view(overrides: Partial<FrameView> = {}): FrameView {
  return {
    template: 'payday-sale',
    name: 'Payday Sale',
    version: 3,
    width: 1080,
    height: 1920,
    widgets: [],
    safe_zones: SAFE_ZONES,
    problem: null,
    ...overrides,
  };
}

describe('FrameStore', () => {
  it('follows pinned messages: a comment in, null out', () => {
    const store = new FrameStore();
    expect(store.pinned).toBeNull();
    const pinned = comment('<img src=x onerror=alert(1)>');
    store.apply({ type: 'pinned', comment: pinned });
    expect(store.pinned?.id).toBe(pinned.id);
    expect(store.pinned?.text).toBe('<img src=x onerror=alert(1)>');
    store.apply({ type: 'pinned', comment: null });
    expect(store.pinned).toBeNull();
  });

  it('shows only comments as pinned, and ignores other messages', () => {
    const store = new FrameStore();
    store.setPinned(comment('halo'));
    store.apply({ type: 'events', events: [comment('lain')] });
    expect(store.pinned?.text).toBe('halo');
    store.setPinned(gift());
    expect(store.pinned).toBeNull();
  });

  it('follows frame messages and never lets an older frame win', () => {
    const store = new FrameStore();
    store.apply({ type: 'frame', frame: view({ version: 5, template: 'novilla' }) });
    expect(store.frame?.template).toBe('novilla');
    // A `frameCurrent()` answer that left before the message arrived.
    store.setFrame(view({ version: 4, template: 'payday-sale' }));
    expect(store.frame?.template).toBe('novilla');
    store.apply({
      type: 'frame',
      frame: view({ version: 6, template: 'novilla', problem: 'bad TOML' }),
    });
    expect(store.frame?.problem).toBe('bad TOML');
  });
});

describe('overlay addresses', () => {
  it('joins the server address and the overlay paths', () => {
    expect(overlayUrl('http://127.0.0.1:7878')).toBe('http://127.0.0.1:7878/overlay/frame');
    expect(overlayUrl('http://127.0.0.1:7878/')).toBe('http://127.0.0.1:7878/overlay/frame');
    expect(framePngUrl('http://127.0.0.1:7878', 12)).toBe(
      'http://127.0.0.1:7878/overlay/frame.png?v=12',
    );
  });

  it('takes the network host from the host link, without its token', () => {
    const link: HostLink = {
      urls: ['http://127.0.0.1:7878/host?token=abc', 'http://192.168.1.20:7878/host?token=abc'],
      qr_svg: '<svg/>',
      lan: true,
    };
    expect(lanOverlayUrl(link)).toBe('http://192.168.1.20:7878/overlay/frame');
    expect(lanOverlayUrl({ ...link, urls: link.urls.slice(0, 1) })).toBeNull();
    expect(lanOverlayUrl({ ...link, lan: false })).toBeNull();
    expect(lanOverlayUrl(null)).toBeNull();
  });
});

describe('slotsText', () => {
  it('names each kind of slot, counting repeats', () => {
    expect(slotsText({ countdown: 1, product_card: 2, pinned_comment: 0 }, id)).toBe(
      'hitung mundur, 2× kartu produk',
    );
    expect(slotsText({ mystery: 1 }, id)).toBe('mystery');
    expect(slotsText({}, id)).toBe('tanpa slot widget');
  });
});
