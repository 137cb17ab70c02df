// Server-renders the host picker beside the source: who hosts now, who hosted here before, as
// text.

import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { locale } from '../i18n.svelte';
import { XSS } from '../test-fixtures';
import HostPicker from './HostPicker.svelte';

const noop = (): void => {};

describe('HostPicker', () => {
  it('offers the hosts who went live on this PC, latest first, and takes names up to the core’s limit', () => {
    const { body } = render(HostPicker, {
      props: {
        choices: { current: 'Sari', recent: ['Budi', 'Sari'], max_chars: 60 },
        value: 'Sari',
        disabled: false,
        oninput: noop,
      },
    });
    expect(body).toContain('data-testid="source-host"');
    expect(body).toContain('value="Sari"');
    expect(body).toContain('maxlength="60"');
    const options = [...body.matchAll(/<option value="([^"]*)"/g)].map((match) => match[1]);
    expect(options).toEqual(['Budi', 'Sari']);
    expect(body).toContain(locale.t('sourceHostLabel'));
  });

  it('shows a stranger’s name as text, never markup', () => {
    const { body } = render(HostPicker, {
      props: {
        choices: { current: XSS, recent: [XSS], max_chars: 60 },
        value: XSS,
        disabled: false,
        oninput: noop,
      },
    });
    expect(body).not.toContain('<img');
    expect(body).toContain('value="&lt;img src=x onerror=alert(1)>"');
  });

  it('starts with no list while the choices are unread', () => {
    const { body } = render(HostPicker, {
      props: { choices: null, value: '', disabled: true, oninput: noop },
    });
    expect(body).not.toContain('<option');
    expect(body).not.toContain('maxlength');
    expect(body).toContain('disabled');
  });
});
