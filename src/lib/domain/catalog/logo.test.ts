import { describe, expect, it } from 'vitest';
import { checkLogo, LOGO_MAX_BYTES, logoBox } from './logo';

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];
const bytes = (head: number[], length = 100) => {
  const out = new Uint8Array(length);
  out.set(head);
  return out;
};

describe('checkLogo', () => {
  it('accepts PNG and JPEG by their first bytes, whatever the declared type says', () => {
    expect(checkLogo(bytes(PNG_HEAD), 'logo.png', 'image/png')).toEqual({ ok: true, type: 'image/png' });
    expect(checkLogo(bytes([0xff, 0xd8, 0xff, 0xe0]), 'logo.jpg', '')).toEqual({ ok: true, type: 'image/jpeg' });
  });

  it('refuses SVG, WebP, text renamed .png and empty files with a sentence naming the file', () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    expect(checkLogo(svg, 'logo.svg', 'image/svg+xml')).toEqual({ ok: false, error: 'The logo must be a PNG or JPEG image: “logo.svg” is not one (it is image/svg+xml).' });
    expect(checkLogo(bytes([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]), 'logo.webp', 'image/webp').ok).toBe(false);
    expect(checkLogo(new TextEncoder().encode('hello'), 'fake.png', 'image/png').ok).toBe(false);
    expect(checkLogo(new Uint8Array(0), 'empty.png', 'image/png')).toEqual({ ok: false, error: '“empty.png” is empty.' });
  });

  it('refuses a file over the limit and accepts one exactly at it', () => {
    expect(checkLogo(bytes(PNG_HEAD, LOGO_MAX_BYTES), 'ok.png', 'image/png').ok).toBe(true);
    const big = checkLogo(bytes(PNG_HEAD, 2 * 1024 * 1024), 'big.png', 'image/png');
    expect(big).toEqual({ ok: false, error: '“big.png” is 2.0 MB: a logo may be at most 512 KB. Save it smaller (a few hundred pixels wide is enough).' });
  });
});

describe('logoBox', () => {
  it.each([
    [400, 100, 160, 48, { width: 160, height: 40 }],
    [100, 400, 160, 48, { width: 12, height: 48 }],
    [10, 10, 160, 48, { width: 48, height: 48 }],
    [0, 10, 160, 48, { width: 0, height: 0 }]
  ])('%i×%i in %i×%i', (w, h, mw, mh, want) => expect(logoBox(w, h, mw, mh)).toEqual(want));
});
