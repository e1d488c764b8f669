/**
 * Redis pub/sub between relay instances for what may be lost (issue 13 "Past one machine"):
 * - presence (awareness) per room: ephemeral, a lost frame is replaced by the next one
 *   (clients renew theirs every 15 s);
 * - the control channel: "this user's access changed" (disabled, role, password), so every
 *   instance closes the user's sockets with 4401. The accounts database is the truth (every
 *   upgrade reads it); the message only cuts sockets that are already open.
 * Document updates never go through here (room-streams.ts).
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';

export interface ClusterChannelsOptions {
  redisUrl: string;
  keyPrefix: string;
  instanceId: string;
  log: Logger;
  /** Another instance changed a user's access. */
  onAccessChanged(org: string, userId: string): void;
  /** Another instance's presence frame for a room this instance holds. */
  onAwareness(roomId: string, update: Uint8Array): void;
}

const controlMessage = z.object({ type: z.literal('access-changed'), from: z.string(), org: z.string(), userId: z.string() });
/** Awareness payload: instance id, a zero byte, then the y-protocols awareness update. */
const SEPARATOR = 0;

export class ClusterChannels {
  readonly #opts: ClusterChannelsOptions;
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #control: string;
  readonly #awarenessPrefix: string;

  constructor(opts: ClusterChannelsOptions) {
    this.#opts = opts;
    this.#control = `${opts.keyPrefix}control`;
    this.#awarenessPrefix = `${opts.keyPrefix}awareness:`;
    // Publishing presence must never queue up while Redis is away: it is stale by then.
    this.#pub = new Redis(opts.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.#sub = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
    for (const conn of [this.#pub, this.#sub]) conn.on('error', (error: Error) => opts.log.debug({ err: error.message }, 'redis pub/sub connection error'));
    // ioredis re-subscribes after a reconnect by itself.
    void this.#sub.subscribe(this.#control).catch((error: unknown) => opts.log.error({ err: error }, 'control channel subscribe failed'));
    this.#sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.#received(channel.toString(), message));
  }

  /** Resolves once the control channel is subscribed (start-up). */
  async ready(): Promise<void> {
    if (this.#sub.status !== 'ready') await new Promise<void>((resolve) => this.#sub.once('ready', () => resolve()));
  }

  accessChanged(org: string, userId: string): void {
    const message = JSON.stringify({ type: 'access-changed', from: this.#opts.instanceId, org, userId });
    this.#pub.publish(this.#control, message).catch((error: unknown) => {
      this.#opts.log.error({ err: error, org, user: userId }, 'could not tell the other instances about an access change');
    });
  }

  /** Starts/stops receiving a room's presence (while the room is loaded). */
  watchRoom(roomId: string): void {
    void this.#sub.subscribe(this.#awarenessPrefix + roomId).catch(() => undefined);
  }

  unwatchRoom(roomId: string): void {
    void this.#sub.unsubscribe(this.#awarenessPrefix + roomId).catch(() => undefined);
  }

  publishAwareness(roomId: string, update: Uint8Array): void {
    const id = Buffer.from(this.#opts.instanceId);
    const payload = Buffer.concat([id, Buffer.from([SEPARATOR]), update]);
    this.#pub.publish(this.#awarenessPrefix + roomId, payload).catch(() => undefined); // ephemeral
  }

  close(): void {
    this.#sub.disconnect();
    this.#pub.disconnect();
  }

  #received(channel: string, message: Buffer): void {
    if (channel === this.#control) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(message.toString());
      } catch {
        parsed = null;
      }
      const control = controlMessage.safeParse(parsed);
      if (!control.success) {
        this.#opts.log.warn('malformed control message ignored');
        return;
      }
      if (control.data.from !== this.#opts.instanceId) this.#opts.onAccessChanged(control.data.org, control.data.userId);
      return;
    }
    if (!channel.startsWith(this.#awarenessPrefix)) return;
    const split = message.indexOf(SEPARATOR);
    if (split <= 0) return;
    if (message.subarray(0, split).toString() === this.#opts.instanceId) return;
    this.#opts.onAwareness(channel.slice(this.#awarenessPrefix.length), new Uint8Array(message.subarray(split + 1)));
  }
}
