/** How many updates (one per transaction that changed something) a Y doc emits while `fn` runs. */
import type * as Y from 'yjs';

export function updatesDuring(doc: Y.Doc, fn: () => void): number {
  let count = 0;
  const handler = () => count++;
  doc.on('update', handler);
  try {
    fn();
  } finally {
    doc.off('update', handler);
  }
  return count;
}
