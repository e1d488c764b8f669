/**
 * Several relay instances serving the same rooms (issue 13 "Past one machine", server/README.md
 * "Several instances"): PostgreSQL holds the update log and snapshots (storage/pg-storage.ts),
 * Redis streams carry committed updates between instances (room-streams.ts), Redis pub/sub
 * carries presence and account changes (cluster-channels.ts). Built by relay-server.ts when
 * DATABASE_URL and REDIS_URL are set.
 */
import type { Logger } from 'pino';
import type { ScaleOutConfig } from '../config';
import type { RelayMetrics } from '../metrics';
import type { Room } from '../relay/room';
import type { RoomFanout } from '../relay/room-registry';
import type { HistoryRetention } from '../storage/history-types';
import { PgStorage } from '../storage/pg-storage';
import { ClusterChannels } from './cluster-channels';
import { RoomStreams } from './room-streams';

export interface ScaleOutHooks {
  /** Another instance changed this user's access: close their sockets here (4401). */
  onAccessChanged(org: string, userId: string): void;
  /** Presence from another instance for a room loaded here. */
  onAwareness(roomId: string, update: Uint8Array): void;
}

export interface ScaleOutHealth {
  postgres: boolean;
  redis: boolean;
}

export class ScaleOut implements RoomFanout {
  readonly storage: PgStorage;
  readonly streams: RoomStreams;
  readonly channels: ClusterChannels;

  constructor(
    readonly config: ScaleOutConfig,
    metrics: RelayMetrics,
    log: Logger,
    hooks: ScaleOutHooks,
    history?: HistoryRetention
  ) {
    this.streams = new RoomStreams({
      redisUrl: config.redisUrl,
      keyPrefix: config.keyPrefix,
      instanceId: config.instanceId,
      loadStored: (roomId) => this.storage.loadRoom(roomId),
      headSeqs: (roomIds) => this.storage.headSeqs(roomIds),
      metrics,
      log: log.child({ part: 'streams' })
    });
    this.storage = new PgStorage({
      connectionString: config.databaseUrl,
      schema: config.schema,
      afterCommit: (rows) => this.streams.publish(rows),
      ...(history ? { history } : {})
    });
    this.channels = new ClusterChannels({
      redisUrl: config.redisUrl,
      keyPrefix: config.keyPrefix,
      instanceId: config.instanceId,
      log: log.child({ part: 'channels' }),
      onAccessChanged: hooks.onAccessChanged,
      onAwareness: hooks.onAwareness
    });
  }

  /** Start-up: the tables exist and the control channel listens before the first connection. */
  async start(): Promise<void> {
    await this.storage.init();
    await this.channels.ready();
  }

  position(roomId: string): Promise<string> {
    return this.streams.position(roomId);
  }

  track(room: Room, position: string, lastSeq: number): void {
    this.streams.track(room, position, lastSeq);
    this.channels.watchRoom(room.id);
  }

  untrack(room: Room): void {
    this.streams.untrack(room);
    this.channels.unwatchRoom(room.id);
  }

  committed(room: Room, first: number, last: number): void {
    this.streams.committedLocally(room.id, first, last);
  }

  /** Brings the loaded room up to what Postgres holds now (before a restore or undo plans against it). */
  catchUp(roomId: string): Promise<void> {
    return this.streams.catchUpRoom(roomId);
  }

  publishAwareness(roomId: string, update: Uint8Array): void {
    this.channels.publishAwareness(roomId, update);
  }

  async health(): Promise<ScaleOutHealth> {
    const [postgres, redis] = await Promise.all([this.storage.ping(), this.streams.ping()]);
    return { postgres, redis };
  }

  async close(): Promise<void> {
    await this.streams.close();
    this.channels.close();
    await this.storage.close();
  }
}
