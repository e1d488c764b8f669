import type { FrameKind } from './frames';

/** What a room needs from a connection; keeps rooms testable without sockets. */
export interface Peer {
  readonly id: number;
  /** The token subject the peer authenticated as; its stored changes are attributed to it. */
  readonly userId: string;
  readonly isOpen: boolean;
  send(frame: Uint8Array, kind: FrameKind): void;
  close(code: number, reason: string): void;
}
