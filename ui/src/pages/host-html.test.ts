import { describe, expect, it } from 'vitest';
import { isMessageKey } from '../lib/i18n.svelte';
import html from '../../host.html?raw';

describe("the host view's HTML", () => {
  it('names only keys of the string table in its data-t attributes', () => {
    const keys = [...html.matchAll(/data-t="([^"]*)"/g)].map((match) => match[1]);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(isMessageKey(key), key).toBe(true);
  });
});
