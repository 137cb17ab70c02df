// Replacing a token: the core is asked, and only once it has answered do the host view's link
// and Server lokal read again.

import { describe, expect, it, vi } from 'vitest';

const { tokenRotate } = vi.hoisted(() => ({ tokenRotate: vi.fn() }));
vi.mock('./api', () => ({ tokenRotate }));

import { rotateToken, tokens } from './tokens.svelte';

describe('rotateToken', () => {
  it('asks the core for the scope, then moves the rotations the link and token views follow', async () => {
    tokenRotate.mockResolvedValueOnce(undefined);
    const before = tokens.rotations;
    await rotateToken('host');
    expect(tokenRotate).toHaveBeenCalledWith('host');
    expect(tokens.rotations).toBe(before + 1);
  });

  it('changes nothing when the core could not save the new token', async () => {
    tokenRotate.mockRejectedValueOnce({ code: 'settings', message: 'config.toml: read-only' });
    const before = tokens.rotations;
    await expect(rotateToken('control')).rejects.toMatchObject({ code: 'settings' });
    expect(tokens.rotations).toBe(before);
  });
});
