// Rotating a token changes what the window shows: the host view's link and QR code (the host
// token) and the token under Server lokal (the control token). Whatever shows either reads it
// again when `tokens.rotations` moves.

import { tokenRotate } from './api';
import type { Scope } from './bindings/Scope';

export const tokens = $state({ rotations: 0 });

/** Replaces the token of `scope` (saved and in force at once in the core), then says so. */
export async function rotateToken(scope: Scope): Promise<void> {
  await tokenRotate(scope);
  tokens.rotations += 1;
}
