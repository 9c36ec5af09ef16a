import { randomUUID } from 'node:crypto';

/**
 * Messages between the API instances of one deployment, on named channels: an instance hears a channel only while
 * subscribed to it. Delivery is at most once (Redis pub/sub): a message published while Redis is unreachable, or
 * while a subscriber is reconnecting, is lost, so users of the bus keep PostgreSQL as the truth and catch up from
 * it when `onResume` says messages may have been missed.
 */
export interface ClusterBus {
  /** This process, as other instances see it in the messages it sends. */
  readonly instanceId: string;
  /** False when this is the only instance (no REDIS_URL): nothing is sent and nothing arrives. */
  readonly shared: boolean;
  /** Resolves once messages of `channel` reach `listener`, or after a short wait while Redis is unreachable. */
  subscribe(channel: string, listener: (message: Buffer) => void): Promise<void>;
  unsubscribe(channel: string): void;
  /** Fire and forget: dropped while Redis is unreachable. */
  publish(channel: string, message: Buffer): void;
  /** Called each time the connection to the other instances is back after a break; returns the unsubscribe. */
  onResume(listener: () => void): () => void;
  /** False while the other instances cannot be reached (messages are dropped); always true for one instance alone. */
  readonly connected: boolean;
  /** Called when `connected` changes; returns the unsubscribe. */
  onStatus(listener: (connected: boolean) => void): () => void;
}

export const CLUSTER_BUS = Symbol('CLUSTER_BUS');

/** One instance alone: there is nobody to tell. */
export class SingleInstanceBus implements ClusterBus {
  readonly instanceId = randomUUID();
  readonly shared = false;
  readonly connected = true;

  subscribe(): Promise<void> {
    return Promise.resolve();
  }

  unsubscribe(): void {
    // Nothing was subscribed.
  }

  publish(): void {
    // Nobody to tell.
  }

  onResume(): () => void {
    return () => undefined;
  }

  onStatus(): () => void {
    return () => undefined;
  }
}
