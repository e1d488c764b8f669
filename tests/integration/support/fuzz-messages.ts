/**
 * Hostile y-websocket frames for the relay fuzz test, from a seeded PRNG. Every message
 * generated is checked by an oracle written here from the protocol (not from the relay's
 * code): a candidate that a correct relay could accept — a well-formed step 1, an update
 * that applies, a valid awareness frame — is thrown away, so every message sent must close
 * its connection.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';

export type FuzzKind =
  | 'random-bytes'
  | 'truncated-varint'
  | 'wrong-type'
  | 'absurd-length'
  | 'failing-update'
  | 'mutated-update'
  | 'bad-awareness'
  | 'text-frame';

export interface FuzzMessage {
  kind: FuzzKind;
  data: Uint8Array | string;
}

const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};
const syncFrame = (sub: number, payload: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, sub);
    encoding.writeVarUint8Array(e, payload);
  });

export class FuzzSource {
  readonly #gen: prng.PRNG;
  /** Real updates (from edits on a copy of the room) to mutate. */
  readonly #real: Uint8Array[] = [];
  readonly #awareness: Uint8Array;
  skippedValid = 0;
  skippedPartial = 0;

  /** `roomState`: the room's encoded state; candidates are judged against a copy of it. */
  constructor(
    seed: number,
    private readonly roomState: Uint8Array
  ) {
    this.#gen = prng.create(seed);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, roomState);
    doc.on('update', (u: Uint8Array) => this.#real.push(u));
    for (let i = 0; i < 40; i++) {
      doc.transact(() => {
        doc.getMap('jobs').set(`fz${i}`, { title: prng.word(this.#gen), n: i });
        doc.getText('notes').insert(prng.uint32(this.#gen, 0, doc.getText('notes').length), prng.word(this.#gen, 1, 12));
        if (i % 4 === 0) doc.getArray('log').push([i, { nested: [i] }]);
        if (i % 6 === 0 && doc.getText('notes').length > 3) doc.getText('notes').delete(0, 2);
      });
    }
    this.#real.push(Y.encodeStateAsUpdate(doc));
    const aw = new awarenessProtocol.Awareness(doc);
    aw.setLocalState({ user: { name: 'fuzz', color: '#123456' } });
    this.#awareness = awarenessProtocol.encodeAwarenessUpdate(aw, [doc.clientID]);
    aw.destroy();
  }

  /** The next message a correct relay must refuse without touching the room. */
  next(): FuzzMessage {
    for (;;) {
      const candidate = this.#candidate();
      if (typeof candidate.data === 'string' || this.#mustRefuse(candidate.data)) return candidate;
    }
  }

  /**
   * The next update frame that decodes, integrates part of itself and then throws. A relay
   * cannot undo the part, so it must reset the room (the test checks the state is as before).
   */
  nextPartial(): FuzzMessage {
    for (;;) {
      const update = Uint8Array.from(prng.oneOf(this.#gen, this.#real));
      this.#mutate(update, prng.uint32(this.#gen, 1, 6));
      if (this.#classifyUpdate(update) === 'partial') return { kind: 'failing-update', data: syncFrame(2, update) };
    }
  }

  #candidate(): FuzzMessage {
    const g = this.#gen;
    const kinds: FuzzKind[] = ['random-bytes', 'truncated-varint', 'wrong-type', 'absurd-length', 'failing-update', 'mutated-update', 'mutated-update', 'bad-awareness'];
    const kind = prng.uint32(g, 0, 200) === 0 ? 'text-frame' : prng.oneOf(g, kinds);
    switch (kind) {
      case 'random-bytes': {
        const length = prng.uint32(g, 0, 10) === 0 ? prng.uint32(g, 100, 4000) : prng.uint32(g, 0, 48);
        const bytes = prng.uint8Array(g, length);
        if (length > 0 && prng.bool(g)) bytes[0] = prng.uint32(g, 0, 3); // look like a known type
        return { kind, data: bytes };
      }
      case 'truncated-varint': {
        const prefix = prng.oneOf(g, [[], [0], [0, 1], [0, 2], [1]]);
        const cont = Array.from({ length: prng.uint32(g, 1, 9) }, () => 0x80 | prng.uint32(g, 0, 127));
        return { kind, data: Uint8Array.from([...prefix, ...cont]) };
      }
      case 'wrong-type':
        return {
          kind,
          data: prng.bool(g)
            ? frame((e) => {
                encoding.writeVarUint(e, prng.uint32(g, 4, 2 ** 31));
                encoding.writeUint8Array(e, prng.uint8Array(g, prng.uint32(g, 0, 16)));
              })
            : syncFrame(prng.uint32(g, 3, 1000), prng.uint8Array(g, prng.uint32(g, 0, 16)))
        };
      case 'absurd-length':
        return {
          kind,
          data: frame((e) => {
            encoding.writeUint8Array(e, Uint8Array.from(prng.oneOf(g, [[0, 0], [0, 1], [0, 2], [1]])));
            encoding.writeVarUint(e, prng.uint53(g, 2 ** 20, Number.MAX_SAFE_INTEGER));
            encoding.writeUint8Array(e, prng.uint8Array(g, prng.uint32(g, 0, 32)));
          })
        };
      case 'failing-update':
      case 'mutated-update': {
        const update = Uint8Array.from(prng.oneOf(g, this.#real));
        this.#mutate(update, kind === 'failing-update' ? 1 : prng.uint32(g, 1, 6));
        const cut = prng.uint32(g, 0, 4) === 0 ? update.subarray(0, prng.uint32(g, 1, update.length)) : update;
        return { kind, data: syncFrame(prng.bool(g) ? 2 : 1, cut) };
      }
      case 'bad-awareness': {
        const payload = Uint8Array.from(this.#awareness);
        this.#mutate(payload, prng.uint32(g, 1, 4));
        return { kind, data: frame((e) => (encoding.writeVarUint(e, 1), encoding.writeVarUint8Array(e, payload))) };
      }
      case 'text-frame':
        return { kind, data: prng.word(g, 0, 40) };
    }
  }

  #mutate(bytes: Uint8Array, flips: number): void {
    for (let i = 0; i < flips; i++) bytes[prng.uint32(this.#gen, 0, bytes.length - 1)] = prng.uint32(this.#gen, 0, 255);
  }

  /** The oracle: would a correct relay refuse this frame (close the connection)? */
  #mustRefuse(bytes: Uint8Array): boolean {
    const d = decoding.createDecoder(bytes);
    try {
      const type = decoding.readVarUint(d);
      if (type === 0) {
        const sub = decoding.readVarUint(d);
        const payload = decoding.readVarUint8Array(d);
        if (decoding.hasContent(d) || sub > 2) return true;
        if (sub === 0) return this.#refusesStateVector(payload);
        return this.#refusesUpdate(payload);
      }
      if (type === 1) {
        const payload = decoding.readVarUint8Array(d);
        if (decoding.hasContent(d)) return true;
        const aw = new awarenessProtocol.Awareness(new Y.Doc());
        try {
          awarenessProtocol.applyAwarenessUpdate(aw, payload, 'fuzz');
        } catch {
          return true;
        } finally {
          aw.destroy();
        }
        this.skippedValid++;
        return false;
      }
      if (type === 2 || type === 3) {
        this.skippedValid++; // auth and query-awareness carry nothing to refuse
        return false;
      }
      return true;
    } catch {
      return true;
    }
  }

  #refusesStateVector(payload: Uint8Array): boolean {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, this.roomState);
    try {
      Y.encodeStateAsUpdate(doc, payload);
    } catch {
      return true;
    }
    this.skippedValid++;
    return false;
  }

  #refusesUpdate(update: Uint8Array): boolean {
    const verdict = this.#classifyUpdate(update);
    if (verdict === 'partial') this.skippedPartial++;
    if (verdict === 'valid') this.skippedValid++;
    return verdict === 'refuse';
  }

  #classifyUpdate(update: Uint8Array): 'refuse' | 'valid' | 'partial' {
    try {
      Y.parseUpdateMeta(update);
    } catch {
      return 'refuse';
    }
    const doc = new Y.Doc();
    Y.applyUpdate(doc, this.roomState);
    const before = Y.encodeStateAsUpdate(doc);
    let threw = false;
    try {
      Y.applyUpdate(doc, update);
    } catch {
      threw = true;
    }
    const unchanged = Buffer.from(Y.encodeStateAsUpdate(doc)).equals(Buffer.from(before));
    // Applying cleanly is a legitimate write, however odd; a partial failure resets the
    // room and is exercised on its own (nextPartial), since the reset closes every peer.
    if (!threw) return 'valid';
    return unchanged ? 'refuse' : 'partial';
  }
}
