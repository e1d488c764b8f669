/**
 * Svelte action: slowly scrolls an overflowing column down, pauses at the end, returns to the
 * top, forever, so a wall screen shows every card without anyone touching it. With reduced
 * motion it pages instead of gliding.
 */
export function autoscroll(node: HTMLElement, options: { pxPerSecond?: number; pauseMs?: number } = {}) {
  const speed = options.pxPerSecond ?? 24;
  const pause = options.pauseMs ?? 4000;
  const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  let frame = 0;
  let last = 0;
  let holdUntil = performance.now() + pause;
  let position = 0;

  const step = (now: number) => {
    frame = requestAnimationFrame(step);
    const max = node.scrollHeight - node.clientHeight;
    if (max <= 2) {
      position = 0;
      node.scrollTop = 0;
      last = now;
      return;
    }
    if (now < holdUntil) {
      last = now;
      return;
    }
    if (position >= max) {
      position = 0;
      node.scrollTop = 0;
      holdUntil = now + pause;
      return;
    }
    if (reduced) {
      position = Math.min(max, position + node.clientHeight * 0.9);
      holdUntil = now + pause * 2;
    } else {
      position = Math.min(max, position + ((now - last) / 1000) * speed);
      if (position >= max) holdUntil = now + pause;
    }
    node.scrollTop = position;
    last = now;
  };
  frame = requestAnimationFrame(step);
  return {
    destroy() {
      cancelAnimationFrame(frame);
    }
  };
}
