// Server-renders the row components to check what reaches the page: exact text, no markup
// from strangers, and the hooks the end-to-end test looks for.

import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { CommentEvent } from '../feed.svelte';
import { comment, flag, user, visibleText } from '../test-fixtures';
import CommentRow from './CommentRow.svelte';
import GapRow from './GapRow.svelte';

function commentEvent(text: string, overrides: Partial<CommentEvent> = {}): CommentEvent {
  return { ...(comment(text) as CommentEvent), ...overrides };
}

/** The text content of the first element carrying `data-testid="comment-text"`. */
function commentText(html: string): string {
  const match = html.match(/data-testid="comment-text"[^>]*>([\s\S]*?)<\/p>/);
  if (!match) throw new Error(`no comment-text in ${html}`);
  return visibleText(match[1]!);
}

describe('CommentRow', () => {
  it('renders a stranger’s markup as text', () => {
    const event = commentEvent('<img src=x onerror=alert(1)> & <b>beli</b>', {
      user: user({ nickname: '<script>x</script>', avatar_url: 'javascript:alert(1)' }),
    });
    const { body } = render(CommentRow, { props: { event } });
    expect(body).not.toContain('<img src=x');
    expect(body).not.toContain('<b>');
    expect(body).not.toContain('<script>');
    expect(body).not.toContain('javascript:');
    expect(body).toContain('data-testid="comment"');
    expect(commentText(body)).toBe('<img src=x onerror=alert(1)> & <b>beli</b>');
  });

  it('underlines flagged spans without changing the text', () => {
    const text = 'café 🔥 cek shopee ya';
    const start = new TextEncoder().encode('café 🔥 cek ').length;
    const event = commentEvent(text, {
      flags: [
        flag({
          term: 'shopee',
          category: 'competitor',
          start,
          end: start + 6,
          start_utf16: 'café 🔥 cek '.length,
          end_utf16: 'café 🔥 cek shopee'.length,
          matched: 'shopee',
          suggest: 'oranye',
        }),
      ],
    });
    const { body } = render(CommentRow, { props: { event } });
    expect(commentText(body)).toBe(text);
    const mark = body.match(
      /<mark class="flag competitor[^"]*"[^>]*title="([^"]*)"[^>]*>shopee<\/mark>/,
    );
    expect(mark?.[1]).toBe('Pesaing · ganti: oranye');
    expect(mark?.[1]).toContain('oranye');
  });

  it('says on a flagged word why it fired, without letting its text become markup', () => {
    const text = 'cek s.h.0.p.e.e "><b>x</b> ya';
    const start = new TextEncoder().encode('cek ').length;
    const matched = 's.h.0.p.e.e "><b>x</b>';
    const event = commentEvent(text, {
      flags: [
        flag({
          term: 'shopee',
          category: 'competitor',
          start,
          end: start + matched.length,
          matched,
          suggest: 'aplikasi oren',
          explain: {
            read_as: 'shope"><b>x</b>',
            entry: 'shopee',
            evasions: ['spread', 'repeats'],
          },
        }),
      ],
    });
    const { body } = render(CommentRow, { props: { event } });
    expect(commentText(body)).toBe(text);
    expect(body).not.toContain('<b>');
    const title = body.match(/<mark [^>]*title="([^"]*)"/)?.[1];
    expect(
      title
        ?.replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&amp;/g, '&'),
    ).toBe(
      'Pesaing · dibaca sebagai “shope"><b>x</b>” (= shopee) · huruf dipisah, huruf diulang · ganti: aplikasi oren',
    );
  });

  it('shows an https avatar as an image and anything else as a letter', () => {
    const withImage = render(CommentRow, {
      props: {
        event: commentEvent('a', { user: user({ avatar_url: 'https://cdn.example/a.jpg' }) }),
      },
    }).body;
    expect(withImage).toContain('src="https://cdn.example/a.jpg"');

    const withLetter = render(CommentRow, {
      props: {
        event: commentEvent('a', {
          user: user({ nickname: 'budi', avatar_url: 'http://x/a.jpg' }),
        }),
      },
    }).body;
    expect(withLetter).not.toContain('<img');
    expect(withLetter).toMatch(/class="avatar letter c\d[^"]*"[^>]*>B</);
  });

  it('marks moderators', () => {
    const mod = render(CommentRow, {
      props: { event: commentEvent('a', { user: user({ is_moderator: true }) }) },
    }).body;
    expect(mod).toContain('MOD');
    const viewer = render(CommentRow, { props: { event: commentEvent('a') } }).body;
    expect(viewer).not.toContain('MOD');
  });
});

describe('GapRow', () => {
  const gap = (end: number | null) => ({
    session: 3,
    source: 'ssn:wss://x/<b>join</b>',
    start: 1_796_040_000_000,
    end,
    duration_ms: end === null ? null : end - 1_796_040_000_000,
    reason: { kind: 'tool_closed' as const, tool: 'Social Stream Ninja' },
  });

  it('says how long the sources were down, with the source as text', () => {
    const { body } = render(GapRow, { props: { gap: gap(1_796_040_042_000) } });
    expect(body).toContain('data-testid="gap"');
    expect(body).not.toContain('<b>join');
    expect(visibleText(body)).toContain('Terputus 0:42 — komentar selama itu mungkin tidak masuk');
    expect(visibleText(body)).toContain('ssn:wss://x/<b>join</b>');
  });

  it('says since when while the gap is open', () => {
    const { body } = render(GapRow, { props: { gap: gap(null) } });
    expect(visibleText(body)).toMatch(/Terputus sejak \d\d:\d\d:\d\d — komentar selama ini/);
  });
});
