// Server-renders the frame views: the pinned comment stays text, the template list marks the
// frame on air and says why a template cannot be used, and the hooks the end-to-end test uses.

import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { FrameTemplateEntry } from '../bindings/FrameTemplateEntry';
import type { CommentEvent } from '../feed.svelte';
import { FrameStore } from '../frame.svelte';
import { appInfo, comment, SAFE_ZONES, textOf, user, visibleText } from '../test-fixtures';
import CommentRow from './CommentRow.svelte';
import FrameSection from './FrameSection.svelte';
import FrameTemplateList from './FrameTemplateList.svelte';
import PinnedStrip from './PinnedStrip.svelte';

const XSS = '<img src=x onerror=alert(1)>';

/** Each `frame-template` entry's opening tag, in order. */
function templateTags(html: string): string[] {
  return html.match(/<li[^>]*data-testid="frame-template"[^>]*>/g) ?? [];
}

function entry(id: string, name: string, slots: Record<string, number> = {}): FrameTemplateEntry {
  return {
    id,
    summary: { id, name, width: 1080, height: 1920, slots },
    error: null,
  };
}

describe('the pinned strip', () => {
  it('renders a stranger’s markup as text', () => {
    const pinned = comment(XSS, [], user({ nickname: '<script>x</script>' })) as CommentEvent;
    const { body } = render(PinnedStrip, { props: { pinned, onunpin: () => {} } });
    expect(body).not.toContain('<img src=x');
    expect(body).not.toContain('<script>');
    expect(textOf(body, 'pinned-strip', 'p')).toBe(
      `Disematkan di frame: <script>x</script>: ${XSS}`,
    );
    expect(body).toContain('data-testid="unpin"');
    expect(textOf(body, 'unpin', 'button')).toBe('Lepas');
  });

  it('is gone when nothing is pinned, but still says why a pin failed', () => {
    expect(
      visibleText(render(PinnedStrip, { props: { pinned: null, onunpin: () => {} } }).body),
    ).toBe('');
    const { body } = render(PinnedStrip, {
      props: { pinned: null, error: 'Tidak ditemukan: m9', onunpin: () => {} },
    });
    expect(body).not.toContain('data-testid="pinned-strip"');
    expect(textOf(body, 'pin-error', 'span')).toBe('Tidak ditemukan: m9');
  });
});

describe('a comment row', () => {
  it('offers a pin button when the feed can pin', () => {
    const event = comment('cek harga') as CommentEvent;
    const withPin = render(CommentRow, { props: { event, onpin: () => {} } }).body;
    expect(textOf(withPin, 'pin-comment', 'button')).toBe('Sematkan');
    const without = render(CommentRow, { props: { event } }).body;
    expect(without).not.toContain('data-testid="pin-comment"');
  });
});

describe('the frame template list', () => {
  const entries: FrameTemplateEntry[] = [
    entry('novilla', 'Novilla', { countdown: 1, product_card: 1 }),
    entry('payday-sale', 'Payday Sale', { countdown: 1, pinned_comment: 1 }),
    { id: 'rusak', summary: null, error: 'template.toml line 4: unknown layer kind `circle`' },
  ];

  it('marks the template on air and offers the others', () => {
    const { body } = render(FrameTemplateList, {
      props: { entries, active: 'payday-sale', onuse: () => {} },
    });
    const tags = templateTags(body);
    expect(tags).toHaveLength(3);
    expect(tags[0]).toContain('data-id="novilla"');
    expect(tags[0]).toContain('data-active="false"');
    expect(tags[1]).toContain('data-id="payday-sale"');
    expect(tags[1]).toContain('data-active="true"');
    expect(tags[2]).toContain('data-active="false"');
    // One "put on air" per template that is not on air; the broken one's cannot be pressed.
    expect(body.match(/data-testid="frame-use"/g)).toHaveLength(2);
    expect(body).toMatch(
      /<button[^>]*disabled[^>]*data-testid="frame-use"|data-testid="frame-use"[^>]*disabled/,
    );
    expect(visibleText(body)).toContain('Sedang tayang');
    expect(visibleText(body)).toContain('hitung mundur, kartu produk');
  });

  it('shows why a broken template cannot be used, as text', () => {
    const broken = [{ id: 'x', summary: null, error: `bad ${XSS}` }, ...entries];
    const { body } = render(FrameTemplateList, {
      props: { entries: broken, active: null, onuse: () => {} },
    });
    expect(body).not.toContain('<img src=x');
    expect(textOf(body, 'frame-template-error', 'span')).toBe(`Tidak bisa dipakai: bad ${XSS}`);
    expect(visibleText(body)).toContain(
      'Tidak bisa dipakai: template.toml line 4: unknown layer kind `circle`',
    );
  });
});

describe('the frame section', () => {
  const info = appInfo({ archive_path: '/tmp/pandu.db' });

  it('warns when an older frame stays on air, and gives the overlay address', () => {
    const frame = new FrameStore();
    frame.setFrame({
      template: 'novilla',
      name: 'Novilla',
      version: 7,
      width: 1080,
      height: 1920,
      widgets: [],
      safe_zones: SAFE_ZONES,
      problem: 'template.toml: missing asset logo.png',
    });
    const { body } = render(FrameSection, { props: { frame, info } });
    expect(body).toContain('data-testid="frame-section"');
    expect(textOf(body, 'frame-problem', 'p')).toBe(
      'Frame lama tetap tayang: template.toml: missing asset logo.png',
    );
    expect(textOf(body, 'frame-url', 'code')).toBe('http://127.0.0.1:7878/overlay/frame');
    expect(textOf(body, 'frame-png-url', 'code')).toBe(
      'http://127.0.0.1:7878/overlay/frame.png?v=7',
    );
    expect(body).toContain('data-testid="open-overlay-window"');
    // The CSP blocks the local server's images: no thumbnail that would show as broken.
    expect(body).not.toContain('<img');
  });

  it('says the overlay is unavailable without the local server', () => {
    const frame = new FrameStore();
    const down = {
      ...info,
      server_url: null,
      server_error: { code: 'port_in_use' as const, message: 'port 7878 in use', subject: '7878' },
    };
    const { body } = render(FrameSection, { props: { frame, info: down } });
    expect(body).not.toContain('data-testid="frame-problem"');
    expect(body).not.toContain('data-testid="frame-url"');
    // Said in the user's language from the code, the port named in it.
    expect(visibleText(body)).toContain('Port 7878 sudah dipakai');
    expect(visibleText(body)).not.toContain('in use');
  });
});
