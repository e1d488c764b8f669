/**
 * Heap figures from our relay through the V8 inspector (started with --inspect on loopback,
 * port 0): force a full GC, then read the used heap. RSS alone rarely shrinks after a GC,
 * so "memory back to baseline" is judged on the heap.
 */
import WebSocket from 'ws';

export class Inspector {
  #nextId = 1;
  readonly #pending = new Map<number, (result: unknown) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown };
      if (message.id !== undefined) this.#pending.get(message.id)?.(message.result);
    });
  }

  static async connect(url: string): Promise<Inspector> {
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return new Inspector(ws);
  }

  #call(method: string): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.ws.send(JSON.stringify({ id, method }));
    });
  }

  /** Used heap in bytes after a full garbage collection. */
  async heapAfterGc(): Promise<number> {
    await this.#call('HeapProfiler.collectGarbage');
    const usage = (await this.#call('Runtime.getHeapUsage')) as { usedSize: number };
    return usage.usedSize;
  }

  close(): void {
    this.ws.close();
  }
}
