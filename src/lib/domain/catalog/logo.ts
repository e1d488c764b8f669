/**
 * The organisation's logo on invoices and quotes: what may be uploaded. Pure.
 *
 * THE LOGO RULE: PNG or JPEG only, recognised from the file's first bytes (a renamed file or a
 * wrong `type` is refused; SVG is refused because jsPDF cannot draw it and it can carry script),
 * at most LOGO_MAX_BYTES (a logo is printed a few centimetres wide: 512 KB is plenty, and every
 * device that prints keeps a copy). The bytes go to the blob store under their SHA-256 and the
 * catalog's `logoBlobHash` names them (sync/README.md "billingSettings").
 */
import { sniffBlobType } from '../media/blob-rules';

export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;
export type LogoType = (typeof LOGO_TYPES)[number];
export const LOGO_MAX_BYTES = 512 * 1024;

export type LogoCheck = { ok: true; type: LogoType } | { ok: false; error: string };

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Whether `bytes` (named `fileName`, declared as `declaredType`) may be the logo. */
export function checkLogo(bytes: Uint8Array, fileName: string, declaredType: string): LogoCheck {
  if (bytes.byteLength === 0) return { ok: false, error: `“${fileName}” is empty.` };
  const sniffed = sniffBlobType(bytes.subarray(0, 12));
  if (sniffed !== 'image/png' && sniffed !== 'image/jpeg') {
    const what = declaredType ? ` (it is ${declaredType})` : '';
    return { ok: false, error: `The logo must be a PNG or JPEG image: “${fileName}” is not one${what}.` };
  }
  if (bytes.byteLength > LOGO_MAX_BYTES) return { ok: false, error: `“${fileName}” is ${size(bytes.byteLength)}: a logo may be at most ${size(LOGO_MAX_BYTES)}. Save it smaller (a few hundred pixels wide is enough).` };
  return { ok: true, type: sniffed };
}

/** The box a logo is drawn in, keeping its proportions: at most `maxWidth` × `maxHeight`. */
export function logoBox(width: number, height: number, maxWidth: number, maxHeight: number): { width: number; height: number } {
  if (!(width > 0) || !(height > 0)) return { width: 0, height: 0 };
  const scale = Math.min(maxWidth / width, maxHeight / height, 1e9);
  return { width: width * scale, height: height * scale };
}
