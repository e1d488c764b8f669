import { describe, expect, it } from 'vitest';
import { linkBaseUrl, signInLink } from './sign-in-link';

describe('sign-in link base URL', () => {
  it('follows PORT instead of always saying localhost:8787', () => {
    expect(linkBaseUrl({ env: { PORT: '9000' } })).toEqual({ ok: true, url: 'http://localhost:9000' });
    expect(linkBaseUrl({ env: {} })).toEqual({ ok: true, url: 'http://localhost:8787' });
    expect(linkBaseUrl({ env: { PORT: ' ' } })).toEqual({ ok: true, url: 'http://localhost:8787' });
  });

  it('prefers PUBLIC_URL, and --base-url over both', () => {
    const env = { PORT: '9000', PUBLIC_URL: 'https://board.example.com/' };
    expect(linkBaseUrl({ env })).toEqual({ ok: true, url: 'https://board.example.com' });
    expect(linkBaseUrl({ env, baseUrl: 'https://other.example.org//' })).toEqual({ ok: true, url: 'https://other.example.org' });
  });

  it('refuses what cannot make a link, naming the setting to fix', () => {
    expect(linkBaseUrl({ env: { PORT: '0' } })).toMatchObject({ ok: false, error: expect.stringMatching(/PORT=0.*PUBLIC_URL/) });
    expect(linkBaseUrl({ env: { PORT: 'http' } })).toMatchObject({ ok: false });
    expect(linkBaseUrl({ env: { PUBLIC_URL: 'board.example.com' } })).toMatchObject({ ok: false, error: expect.stringContaining('PUBLIC_URL must be') });
    expect(linkBaseUrl({ env: {}, baseUrl: 'ftp://x' })).toMatchObject({ ok: false, error: expect.stringContaining('--base-url must be') });
  });

  it('puts the token in the fragment of the base', () => {
    expect(signInLink('http://localhost:9000/', 'a.b.c')).toBe('http://localhost:9000/#token=a.b.c');
  });
});
