/**
 * y-websocket frames: decoding what peers send (a trust boundary: every field is checked)
 * and encoding what the relay sends. Pure; no Y.Doc access.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import {
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE
} from '../../src/lib/sync/protocol';

export type FrameKind = 'sync-step1' | 'sync-step2' | 'sync-update' | 'awareness' | 'query-awareness' | 'auth';

export type ClientFrame =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'sync-update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }
  | { kind: 'auth' };

/** A frame we cannot make sense of; the connection is closed with CloseCode.badMessage. */
export class FrameError extends Error {
  constructor(
    readonly reason: 'empty' | 'truncated' | 'unknown-type' | 'unknown-sync-type' | 'trailing-bytes',
    detail?: string
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
    this.name = 'FrameError';
  }
}

/**
 * Decodes one frame. Throws FrameError; never returns a partially read frame. Strict: a
 * frame is exactly one message (stock clients never send trailing bytes).
 */
export function decodeFrame(bytes: Uint8Array): ClientFrame {
  if (bytes.byteLength === 0) throw new FrameError('empty');
  const decoder = decoding.createDecoder(bytes);
  const frame = readFrame(decoder);
  if (decoding.hasContent(decoder)) throw new FrameError('trailing-bytes', `${bytes.byteLength - decoder.pos} bytes`);
  return frame;
}

function readFrame(decoder: decoding.Decoder): ClientFrame {
  try {
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const sub = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (sub === SYNC_STEP_1) return { kind: 'sync-step1', stateVector: payload };
        if (sub === SYNC_STEP_2) return { kind: 'sync-step2', update: payload };
        if (sub === SYNC_UPDATE) return { kind: 'sync-update', update: payload };
        throw new FrameError('unknown-sync-type', String(sub));
      }
      case MESSAGE_AWARENESS:
        return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
      case MESSAGE_QUERY_AWARENESS:
        return { kind: 'query-awareness' };
      case MESSAGE_AUTH:
        return { kind: 'auth' };
      default:
        throw new FrameError('unknown-type', String(type));
    }
  } catch (error) {
    if (error instanceof FrameError) throw error;
    // lib0 throws plain Errors ("Unexpected end of array", varint overflow) on short input.
    throw new FrameError('truncated', error instanceof Error ? error.message : String(error));
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** `[sync, step1, sv]`: asks for what we lack; also the relay's durability acknowledgement. */
export function syncStep1Frame(stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP_1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

export function syncStep2Frame(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP_2);
    encoding.writeVarUint8Array(e, update);
  });
}

export function syncUpdateFrame(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_UPDATE);
    encoding.writeVarUint8Array(e, update);
  });
}

export function awarenessFrame(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, update);
  });
}
