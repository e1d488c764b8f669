/**
 * Turns a picked photo into what is stored: decoded with its EXIF orientation applied
 * (`createImageBitmap`, `imageOrientation: 'from-image'`), drawn at most 2048 px on the long side
 * (domain/media/media-checks.ts `fitWithin`), encoded as WebP, or JPEG where the browser cannot
 * encode WebP. Browser only (canvas).
 */
import { fitWithin } from '../domain/media/media-checks';
import { isBlobType, type BlobType } from '../domain/media/blob-rules';

export interface EncodedImage {
  bytes: Uint8Array;
  type: BlobType;
  width: number;
  height: number;
}

const QUALITY = 0.85;

/** Resizes and re-encodes a photo; rejects with a plain sentence when it cannot be decoded. */
export async function encodePhoto(file: Blob, name: string): Promise<EncodedImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new Error(`${name || 'The file'} could not be read as an image. Nothing else was changed.`);
  }
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height);
    const canvas = makeCanvas(width, height);
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
    if (!context) throw new Error('this browser cannot draw images (no 2D canvas)');
    context.drawImage(bitmap, 0, 0, width, height);
    let blob = await toBlob(canvas, 'image/webp');
    if (blob.type !== 'image/webp') blob = await toBlob(canvas, 'image/jpeg');
    return { bytes: new Uint8Array(await blob.arrayBuffer()), type: blobType(blob.type), width, height };
  } finally {
    bitmap.close();
  }
}

/** Encodes a drawn canvas (the signature pad) as PNG: lossless strokes, small for line art. */
export async function encodeCanvasPng(canvas: HTMLCanvasElement): Promise<EncodedImage> {
  const blob = await toBlob(canvas, 'image/png');
  return { bytes: new Uint8Array(await blob.arrayBuffer()), type: blobType(blob.type), width: canvas.width, height: canvas.height };
}

function makeCanvas(width: number, height: number): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function toBlob(canvas: OffscreenCanvas | HTMLCanvasElement, type: string): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type, quality: QUALITY });
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the image could not be encoded'))), type, QUALITY);
  });
}

function blobType(type: string): BlobType {
  if (!isBlobType(type)) throw new Error(`the browser encoded ${type || 'an unknown type'}, which cannot be stored`);
  return type;
}
