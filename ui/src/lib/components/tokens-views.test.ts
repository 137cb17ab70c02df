// Server-renders Pengaturan's token section: a button for each token, in the window's words,
// and no question asked before one is pressed.

import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { visibleText } from '../test-fixtures';
import TokensSection from './TokensSection.svelte';

describe('the token section', () => {
  it('offers to replace the host token and the control token, asking nothing yet', () => {
    const { body } = render(TokensSection);
    expect(visibleText(body)).toContain('Ganti token hostGanti token kontrol');
    expect(visibleText(body)).toContain('Token host hanya membuka tampilan host');
    expect(body).toContain('data-testid="token-rotate-host"');
    expect(body).toContain('data-testid="token-rotate-control"');
    expect(body).not.toContain('data-testid="token-rotate-confirm"');
  });
});
