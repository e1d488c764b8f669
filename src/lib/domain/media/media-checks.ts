/**
 * What the browser accepts from the camera or gallery before resizing, and the size a photo is
 * resized to. Pure maths and checks; the canvas work is in src/lib/local/image-encode.ts.
 */

/** Longest side of a stored photo, in pixels (issue 9). */
export const MAX_PHOTO_SIDE = 2048;

/** Files larger than this are refused before decoding: no phone camera makes one; decoding it could exhaust the tab. */
export const MAX_SOURCE_BYTES = 30 * 1024 * 1024;

export type FileCheck = { ok: true } | { ok: false; message: string };

/** A picked file the resizer may try: an image, not empty, not absurdly large. The message is the user's. */
export function checkPickedFile(file: { name: string; type: string; size: number }): FileCheck {
  const name = file.name || 'The file';
  if (!file.type.startsWith('image/')) {
    return { ok: false, message: `${name} is not a photo (${file.type || 'unknown type'}). Choose a JPEG, PNG, WebP or HEIC image.` };
  }
  if (file.size === 0) return { ok: false, message: `${name} is empty.` };
  if (file.size > MAX_SOURCE_BYTES) {
    return { ok: false, message: `${name} is ${megabytes(file.size)} MB; photos up to ${megabytes(MAX_SOURCE_BYTES)} MB can be added. Nothing else was changed.` };
  }
  return { ok: true };
}

/**
 * The size to draw an image of `width` × `height` at so its longest side is at most `maxSide`,
 * keeping the aspect ratio (never upscaling; at least 1 px per side).
 */
export function fitWithin(width: number, height: number, maxSide = MAX_PHOTO_SIDE): { width: number; height: number } {
  if (!(width > 0 && height > 0)) throw new RangeError(`bad image size ${width}×${height}`);
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** One decimal place of megabytes (MiB), as the messages show sizes. */
export function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1);
}

/** Storage use worth warning about: over 80% of the quota, or under 50 MB left. */
export function storageNearlyFull(estimate: { usage?: number; quota?: number }): boolean {
  const { usage, quota } = estimate;
  if (usage === undefined || quota === undefined || quota <= 0) return false;
  return usage / quota > 0.8 || quota - usage < 50 * 1024 * 1024;
}
