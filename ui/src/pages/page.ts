// What every page the local server serves shares: its URL's options, a WebSocket that comes back
// after the server restarts, and a safe way to make elements.

import type { Outbound } from '../lib/bindings/Outbound';
import { isLang, LANGS, type Lang } from '../lib/i18n.svelte';

/** The page's URL parameters. */
export const params = new URLSearchParams(location.search);

/** A number URL parameter, clamped to [min, max]; `fallback` when absent or not a number. */
export function numberParam(name: string, fallback: number, min: number, max: number): number {
  const value = Number.parseFloat(params.get(name) ?? '');
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

/** A URL parameter that must be one of `allowed`; the first of them otherwise. */
export function choiceParam<T extends string>(name: string, allowed: readonly T[]): T {
  const value = (params.get(name) ?? '').toLowerCase();
  return allowed.find((choice) => choice === value) ?? allowed[0]!;
}

/** `?lang=en`, or the default language. */
export function langParam(): Lang {
  const value = params.get('lang')?.toLowerCase();
  return isLang(value) ? value : LANGS[0]!;
}

/** A `#rgb` / `#rrggbb` colour from a URL parameter (with or without `#`), or null. */
export function colourParam(name: string): string | null {
  const value = (params.get(name) ?? '').replace(/^#/, '');
  return /^(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value) ? `#${value}` : null;
}

/**
 * A new element with a class and text. Text goes in as a text node, never as markup: product
 * names, comments and nicknames come from strangers.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className = '',
  text: string | null = null,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== null) node.textContent = text;
  return node;
}

/** Sets an element's text only when it changed, so a 10 Hz render does not churn the DOM. */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/** The element with `id`, which the page's HTML has. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`the page has no #${id}`);
  return node as T;
}

export type ConnectionStatus = 'connecting' | 'open' | 'lost';

/** First wait before reconnecting (ms), doubled after each failure up to the most. */
const RETRY_FIRST_MS = 500;
const RETRY_MOST_MS = 10_000;

/**
 * Keeps a WebSocket to `path` (on this page's own host) open: each message goes to `onMessage`,
 * and `onStatus` hears "connecting", "open" and "lost". After a drop it tries again with a
 * growing, slightly random wait, so a restarted server is picked up by itself and many pages do
 * not knock at once.
 */
export function keepConnected(
  path: string,
  {
    onMessage,
    onStatus = () => {},
  }: { onMessage: (message: Outbound) => void; onStatus?: (status: ConnectionStatus) => void },
): void {
  const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;
  let wait = RETRY_FIRST_MS;
  const open = () => {
    const socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      wait = RETRY_FIRST_MS;
      onStatus('open');
    });
    socket.addEventListener('message', (message: MessageEvent<string>) => {
      let parsed: Outbound;
      try {
        parsed = JSON.parse(message.data) as Outbound;
      } catch {
        return; // Not ours to judge: skip what does not parse and keep listening.
      }
      onMessage(parsed);
    });
    socket.addEventListener('close', () => {
      onStatus('lost');
      setTimeout(open, wait * (0.8 + Math.random() * 0.4));
      wait = Math.min(RETRY_MOST_MS, wait * 2);
    });
  };
  onStatus('connecting');
  open();
}
