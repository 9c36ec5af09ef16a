import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { ClusterBus } from './cluster-bus';

/** How long a subscription may wait for an unreachable Redis before the caller goes on (it completes later). */
const SUBSCRIBE_WAIT_MS = 1000;

/**
 * The bus over Redis pub/sub: one connection publishes, one subscribes (a subscribed connection can do nothing
 * else). Channels are prefixed, so deployments (and test runs) sharing a Redis never hear each other. ioredis
 * reconnects with backoff and subscribes again by itself; the publisher drops messages instead of queueing them
 * while Redis is away (they would arrive late and out of order), and `onResume` tells users to catch up.
 */
export class RedisClusterBus implements ClusterBus {
  readonly instanceId = randomUUID();
  readonly shared = true;
  private readonly logger = new Logger('ClusterBus');
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly listeners = new Map<string, (message: Buffer) => void>();
  private readonly resumeListeners = new Set<() => void>();
  private readonly statusListeners = new Set<(connected: boolean) => void>();
  private wasConnected = false;
  private broken = false;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    const options = { retryStrategy: (attempt: number) => Math.min(2000, 50 * 2 ** Math.min(attempt, 6)) + Math.random() * 200 };
    this.publisher = new Redis(url, { ...options, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.subscriber = new Redis(url, { ...options, maxRetriesPerRequest: null });
    this.publisher.on('error', () => undefined);
    this.subscriber.on('error', (err: Error) => {
      if (!this.broken) this.logger.warn(`Redis unreachable; live changes from other instances are delayed: ${err.message}`);
      if (this.wasConnected) this.setBroken();
    });
    this.subscriber.on('close', () => {
      if (this.wasConnected) this.setBroken();
    });
    this.subscriber.on('ready', () => {
      const resumed = this.wasConnected && this.broken;
      this.wasConnected = true;
      this.broken = false;
      if (!resumed) return;
      this.logger.log('Redis reachable again; catching up with other instances');
      for (const listener of this.statusListeners) listener(true);
      for (const listener of this.resumeListeners) listener();
    });
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      // One bad message (whoever wrote it to Redis) is logged and dropped; it never takes the instance down.
      try {
        this.listeners.get(channel.toString())?.(message);
      } catch (err) {
        this.logger.error(`A message on ${channel.toString()} could not be handled: ${String(err)}`);
      }
    });
  }

  async subscribe(channel: string, listener: (message: Buffer) => void): Promise<void> {
    const key = this.prefix + channel;
    this.listeners.set(key, listener);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, SUBSCRIBE_WAIT_MS)));
    const subscribed = this.subscriber.subscribe(key).then(
      () => undefined,
      (err: unknown) => this.logger.warn(`Subscribing to ${key} failed: ${String(err)}`),
    );
    await Promise.race([subscribed, waited]);
    clearTimeout(timer);
  }

  unsubscribe(channel: string): void {
    const key = this.prefix + channel;
    this.listeners.delete(key);
    this.subscriber.unsubscribe(key).catch(() => undefined);
  }

  publish(channel: string, message: Buffer): void {
    if (this.publisher.status !== 'ready') return;
    this.publisher.publish(this.prefix + channel, message).catch(() => undefined);
  }

  get connected(): boolean {
    return !this.broken;
  }

  onStatus(listener: (connected: boolean) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private setBroken(): void {
    if (this.broken) return;
    this.broken = true;
    for (const listener of this.statusListeners) listener(false);
  }

  onResume(listener: () => void): () => void {
    this.resumeListeners.add(listener);
    return () => this.resumeListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.resumeListeners.clear();
    this.statusListeners.clear();
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()]);
  }
}
