import { describe, expect, it } from 'vitest';
import { isSha256, sniffBlobType } from './blob-rules';
import { checkPickedFile, fitWithin, MAX_SOURCE_BYTES, storageNearlyFull } from './media-checks';
import { attemptFailed, attemptStarted, backoffMs, classifyAnswer, isDue, newEntry, queueSummary, retryNow } from './upload-queue';
import { newAttachmentSchema, sortAttachments, type Attachment } from './attachment';

const HASH = 'a'.repeat(64);

describe('fitWithin', () => {
  it('scales the long side down to 2048 px keeping the aspect ratio', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 2048, height: 1536 });
    expect(fitWithin(3024, 4032)).toEqual({ width: 1536, height: 2048 });
    expect(fitWithin(8000, 10)).toEqual({ width: 2048, height: 3 });
  });
  it('never upscales and keeps at least one pixel per side', () => {
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(100_000, 1)).toEqual({ width: 2048, height: 1 });
  });
  it('refuses sizes that are not positive', () => {
    expect(() => fitWithin(0, 10)).toThrow(RangeError);
    expect(() => fitWithin(Number.NaN, 10)).toThrow(RangeError);
  });
});

describe('checkPickedFile', () => {
  it('accepts images and refuses non-images, empty and absurdly large files with a plain message', () => {
    expect(checkPickedFile({ name: 'a.jpg', type: 'image/jpeg', size: 3_000_000 })).toEqual({ ok: true });
    expect(checkPickedFile({ name: 'notes.txt', type: 'text/plain', size: 10 })).toEqual({ ok: false, message: expect.stringContaining('notes.txt is not a photo') });
    expect(checkPickedFile({ name: 'x.jpg', type: 'image/jpeg', size: 0 })).toMatchObject({ ok: false, message: 'x.jpg is empty.' });
    const huge = checkPickedFile({ name: 'huge.jpg', type: 'image/jpeg', size: 40 * 1024 * 1024 });
    expect(huge).toMatchObject({ ok: false, message: expect.stringContaining('huge.jpg is 40 MB') });
    expect(checkPickedFile({ name: 'edge.jpg', type: 'image/jpeg', size: MAX_SOURCE_BYTES })).toEqual({ ok: true });
  });
});

describe('storageNearlyFull', () => {
  it('warns above 80% use or under 50 MB left, and not when the browser gives no figures', () => {
    expect(storageNearlyFull({ usage: 81, quota: 100 })).toBe(true);
    expect(storageNearlyFull({ usage: 1e9, quota: 1e9 + 10 * 1024 * 1024 })).toBe(true);
    expect(storageNearlyFull({ usage: 1e6, quota: 1e10 })).toBe(false);
    expect(storageNearlyFull({})).toBe(false);
  });
});

describe('blob rules', () => {
  it('knows content addresses and sniffs the three accepted types from their first bytes', () => {
    expect(isSha256(HASH)).toBe(true);
    expect(isSha256(HASH.toUpperCase())).toBe(false);
    expect(isSha256('a'.repeat(63))).toBe(false);
    expect(sniffBlobType(new Uint8Array([0xff, 0xd8, 0xff, 0xe1]))).toBe('image/jpeg');
    expect(sniffBlobType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffBlobType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffBlobType(new TextEncoder().encode('hello world!'))).toBeNull();
    expect(sniffBlobType(new Uint8Array([0xff, 0xd8]))).toBeNull();
  });
});

describe('upload queue', () => {
  it('backs off from 2 s doubling to a 5 min cap, within ±20% jitter', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, () => 0.5))).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffMs(20, () => 0.5)).toBe(300_000);
    expect(backoffMs(1, () => 0)).toBe(1600);
    expect(backoffMs(1, () => 1)).toBe(2400);
  });

  it('classifies answers: stored only on 200/201, refusals are permanent, everything else retries', () => {
    expect([200, 201].map(classifyAnswer)).toEqual(['stored', 'stored']);
    expect([400, 403, 413, 415].map(classifyAnswer)).toEqual(['refused', 'refused', 'refused', 'refused']);
    expect(classifyAnswer(401)).toBe('signed-out');
    expect([null, 500, 502, 503, 429].map(classifyAnswer)).toEqual(['retry', 'retry', 'retry', 'retry', 'retry']);
  });

  it('moves waiting → uploading → failed with backoff, and a retry makes it due again', () => {
    const entry = newEntry(HASH, 'acme', 1000);
    expect(isDue(entry, 1000)).toBe(true);
    const started = attemptStarted(entry);
    expect(started).toMatchObject({ state: 'uploading', attempts: 1 });
    const failed = attemptFailed(started, 'retry', 'offline', 5000, () => 0.5);
    expect(failed).toMatchObject({ state: 'failed', permanent: false, nextAttemptAt: 7000, lastError: 'offline' });
    expect(isDue(failed, 6999)).toBe(false);
    expect(isDue(failed, 7000)).toBe(true);
    const refused = attemptFailed(attemptStarted(failed), 'refused', '413: too big', 8000, () => 0.5);
    expect(refused.permanent).toBe(true);
    expect(isDue(refused, Number.MAX_SAFE_INTEGER)).toBe(false);
    expect(retryNow(refused, 9000)).toMatchObject({ state: 'waiting', permanent: false, nextAttemptAt: 9000, attempts: 2 });
  });

  it('an entry cut off mid-upload (reload, tab kill) is due again', () => {
    const cut = attemptStarted(newEntry(HASH, 'acme', 0));
    expect(isDue(cut, 0)).toBe(true);
  });

  it('says what is waiting in plain words', () => {
    expect(queueSummary({ photo: 3, signature: 0 })).toBe('3 photos waiting to upload');
    expect(queueSummary({ photo: 1, signature: 1 })).toBe('1 photo and 1 signature waiting to upload');
    expect(queueSummary({ photo: 0, signature: 2 })).toBe('2 signatures waiting to upload');
    expect(queueSummary({ photo: 0, signature: 0 })).toBe('');
  });
});

describe('attachments', () => {
  const base = { jobId: 'j1', visitId: 'j1', sha256: HASH, type: 'image/png', size: 10, width: 10, height: 10 };
  it('requires a signer name on signatures only', () => {
    expect(newAttachmentSchema.safeParse({ ...base, kind: 'photo' }).success).toBe(true);
    expect(newAttachmentSchema.safeParse({ ...base, kind: 'signature' }).success).toBe(false);
    expect(newAttachmentSchema.safeParse({ ...base, kind: 'signature', signerName: '  ' }).success).toBe(false);
    expect(newAttachmentSchema.safeParse({ ...base, kind: 'signature', signerName: 'Ana' }).success).toBe(true);
    expect(newAttachmentSchema.safeParse({ ...base, kind: 'photo', type: 'text/plain' }).success).toBe(false);
  });
  it('sorts photos before signatures, each oldest first', () => {
    const a = (id: string, kind: 'photo' | 'signature', at: string) => ({ ...base, id, kind, at, by: 'u', type: 'image/png' }) as Attachment;
    const sorted = sortAttachments([a('s1', 'signature', '2026-06-10T10:00:00Z'), a('p2', 'photo', '2026-06-10T11:00:00Z'), a('p1', 'photo', '2026-06-10T09:00:00Z')]);
    expect(sorted.map((x) => x.id)).toEqual(['p1', 'p2', 's1']);
  });
});
