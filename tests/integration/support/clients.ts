/**
 * Clients for relay integration tests: the stock y-websocket provider (what browsers use)
 * and a raw client that sees every frame (to check acknowledgements and send garbage).
 */
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MESSAGE_SYNC, SYNC_STEP_2, SYNC_UPDATE } from '../../../src/lib/sync/protocol';
import { stateVectorOfSyncStep1, unconfirmedStructs } from '../../../src/lib/sync/confirmation';
import { syncStep1Frame, syncStep2Frame, syncUpdateFrame } from '../../../server/relay/frames';

/** Polls until `check` holds; the deadline is a failure, never a pass. */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

/** `until` for checks that must await (HTTP, files). */
export async function untilAsync(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * The stock provider as DESIGN §4 promises it works: serverUrl `.../sync`, room `<org>/<doc>`,
 * token in `params`. BroadcastChannel is off: Node has one, and two providers in one test
 * process would otherwise sync through it without the relay.
 */
export function stockClient(wsUrl: string, room: string, token: string, doc = new Y.Doc()): WebsocketProvider {
  return new WebsocketProvider(wsUrl, room, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300
  });
}

export async function synced(provider: WebsocketProvider): Promise<void> {
  await until(() => provider.synced, `provider ${provider.roomname} to sync`);
}

/** What a raw upgrade ends in: the HTTP status of a refusal, or 101 when it opened. */
export function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', (error) => reject(error));
  });
}

/** A y-websocket peer written out by hand: every received frame is kept for inspection. */
export class RawClient {
  readonly doc = new Y.Doc();
  readonly frames: Uint8Array[] = [];
  readonly ws: WebSocket;
  closeCode: number | null = null;
  closeReason: string | null = null;
  readonly #opened: Promise<void>;

  constructor(wsUrl: string, room: string, token: string) {
    this.ws = new WebSocket(`${wsUrl}/${room}?token=${encodeURIComponent(token)}`);
    this.#opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.ws.on('message', (data: Buffer) => {
      const frame = new Uint8Array(data);
      this.frames.push(frame);
      const decoder = decoding.createDecoder(frame);
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
      const sub = decoding.readVarUint(decoder);
      if (sub === SYNC_STEP_2 || sub === SYNC_UPDATE) Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), 'relay');
    });
    this.ws.on('close', (code, reason) => {
      this.closeReason = reason.toString();
      this.closeCode = code;
    });
  }

  /** Open, and the relay's greeting (sync step 1) has arrived. */
  async ready(): Promise<this> {
    await this.#opened;
    await until(() => this.stateVectors().length > 0, 'the relay to greet with sync step 1');
    return this;
  }

  /** State vectors of every sync step 1 received (greeting and acknowledgements). */
  stateVectors(): Map<number, number>[] {
    return this.frames.flatMap((f) => {
      const sv = stateVectorOfSyncStep1(f);
      return sv ? [sv] : [];
    });
  }

  /** True once some step 1 from the relay covers everything this client holds. */
  isConfirmed(): boolean {
    const local = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    return this.stateVectors().some((sv) => unconfirmedStructs(local, sv) === 0);
  }

  /** Changes the local doc and sends the change as a y-websocket update. */
  write(change: (doc: Y.Doc) => void): void {
    const updates: Uint8Array[] = [];
    const onUpdate = (update: Uint8Array) => updates.push(update);
    this.doc.on('update', onUpdate);
    this.doc.transact(() => change(this.doc));
    this.doc.off('update', onUpdate);
    for (const update of updates) this.send(syncUpdateFrame(update));
  }

  /** Sends a step 1 and resolves when the relay's step 2 answer arrived: everything sent before was processed. */
  async roundTrip(): Promise<void> {
    const before = this.frames.filter(isStep2).length;
    this.send(syncStep1Frame(Y.encodeStateVector(this.doc)));
    await until(() => this.frames.filter(isStep2).length > before, 'the relay to answer sync step 1');
  }

  /** Sends our whole state as a step 2 (what a client does when answering the relay's step 1). */
  sendState(): void {
    this.send(syncStep2Frame(Y.encodeStateAsUpdate(this.doc)));
  }

  send(bytes: Uint8Array | string): void {
    this.ws.send(bytes);
  }

  async closed(): Promise<number> {
    await until(() => this.closeCode !== null, 'the socket to close');
    return this.closeCode as number;
  }

  close(): void {
    this.ws.close();
  }
}

function isStep2(frame: Uint8Array): boolean {
  return frame[0] === MESSAGE_SYNC && frame[1] === SYNC_STEP_2;
}
