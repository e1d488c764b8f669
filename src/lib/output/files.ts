/**
 * Getting a generated file to the user (browser only): a download through a temporary object
 * URL, or the share sheet on phones that can share files (Web Share API level 2), else a
 * `mailto:` with a summary.
 */

/** Saves `blob` as `fileName` through the browser's download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download synchronously; free the URL once it has been handed over.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Whether this browser can share a file like `file` (phones; most desktops cannot). */
export function canShareFile(file: File): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.canShare === 'function' && typeof navigator.share === 'function' && navigator.canShare({ files: [file] });
}

/**
 * Shares `file` with `text` through the share sheet; returns 'shared', 'cancelled' (the user
 * closed the sheet) or 'unsupported' (the caller falls back to `mailto:`).
 */
export async function shareFile(file: File, title: string, text: string): Promise<'shared' | 'cancelled' | 'unsupported'> {
  if (!canShareFile(file)) return 'unsupported';
  try {
    await navigator.share({ files: [file], title, text });
    return 'shared';
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
    throw error;
  }
}
