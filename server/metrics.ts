/**
 * Prometheus metrics (DESIGN §4). One registry per relay instance (not prom-client's global
 * one) so several relays in one process, as in tests, do not collide.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { FrameKind } from './relay/frames';

export type RejectReason =
  | 'bad-message'
  | 'read-only'
  | 'too-big'
  | 'shutting-down'
  | 'auth'
  | 'upgrade-bad-room'
  | 'upgrade-unauthorized'
  | 'upgrade-forbidden'
  | 'upgrade-unavailable'
  | 'upgrade-not-found';

export class RelayMetrics {
  readonly registry = new Registry();
  readonly connections = new Gauge({ name: 'fieldboard_connections', help: 'Open websocket connections', registers: [this.registry] });
  readonly roomsLoaded = new Gauge({ name: 'fieldboard_rooms_loaded', help: 'Rooms held in memory', registers: [this.registry] });
  readonly messagesIn = new Counter({
    name: 'fieldboard_messages_in_total',
    help: 'Frames received, by y-websocket message type',
    labelNames: ['type'] as const,
    registers: [this.registry]
  });
  readonly messagesOut = new Counter({
    name: 'fieldboard_messages_out_total',
    help: 'Frames sent, by y-websocket message type',
    labelNames: ['type'] as const,
    registers: [this.registry]
  });
  readonly bytesIn = new Counter({ name: 'fieldboard_bytes_in_total', help: 'Websocket payload bytes received', registers: [this.registry] });
  readonly bytesOut = new Counter({ name: 'fieldboard_bytes_out_total', help: 'Websocket payload bytes sent', registers: [this.registry] });
  readonly rejected = new Counter({
    name: 'fieldboard_rejected_messages_total',
    help: 'Frames or upgrades refused, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry]
  });
  readonly updatesCommitted = new Counter({
    name: 'fieldboard_updates_committed_total',
    help: 'Document updates committed to storage',
    registers: [this.registry]
  });
  readonly commitSeconds = new Histogram({
    name: 'fieldboard_storage_commit_seconds',
    help: 'Latency of one group commit',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry]
  });
  readonly commitBatchSize = new Histogram({
    name: 'fieldboard_storage_commit_updates',
    help: 'Updates per group commit',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128],
    registers: [this.registry]
  });
  readonly compactions = new Counter({
    name: 'fieldboard_compactions_total',
    help: 'Room log compactions, by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry]
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'fieldboard_' });
  }

  countIn(kind: FrameKind, bytes: number): void {
    this.messagesIn.inc({ type: kind });
    this.bytesIn.inc(bytes);
  }

  countOut(kind: FrameKind, bytes: number): void {
    this.messagesOut.inc({ type: kind });
    this.bytesOut.inc(bytes);
  }

  reject(reason: RejectReason): void {
    this.rejected.inc({ reason });
  }
}
