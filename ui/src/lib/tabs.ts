// The window's sections. The console is the default: it is what runs during a live.

import type { MessageKey } from './i18n.svelte';

export type Tab = 'console' | 'runsheet' | 'lexicon' | 'script' | 'frames' | 'report' | 'settings';

export const TABS: readonly { id: Tab; label: MessageKey }[] = [
  { id: 'console', label: 'tabConsole' },
  { id: 'runsheet', label: 'tabRunSheet' },
  { id: 'lexicon', label: 'tabLexicon' },
  { id: 'script', label: 'tabScript' },
  { id: 'frames', label: 'tabFrames' },
  { id: 'report', label: 'tabReport' },
  { id: 'settings', label: 'tabSettings' },
];
