import type { IncomingMessage } from 'node:http';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import proxyAddress from 'proxy-addr';
import type { Subscription } from 'rxjs';
import type { Socket } from 'socket.io';
import {
  REALTIME_EVENTS,
  reauthTokenSchema,
  type HandshakeError,
  type HandshakeErrorData,
  type RealtimeErrorCode,
  type ReauthResult,
} from '@minga/contracts';
import { AccessChanges, type SessionsEnded } from '../access/access-changes';
import type { AuthPrincipal } from '../access/principal';
import { PRINCIPAL_RESOLVER, type PrincipalResolver } from '../access/principal-resolver';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { isDatabaseUnavailable } from '../database/database-outage';
import { socketBacklogBytes } from './socket-backlog';
import { withAck, type RealtimeSocketData, type TypedNamespace, type TypedSocket } from './socket-events';
import { TokenBucket } from './token-bucket';

/** How a namespace wants its connections protected. */
interface NamespacePolicy {
  /** The namespace's error event, on which refusals and disconnection reasons are sent as `{ code, message }`. */
  errorEvent: string;
  /** Messages one connection may send per second, steady (twice that in a burst). */
  messagesPerSecond: number;
  /** Events that open or close something server-side (a document, a room): they share a per-person budget. */
  joinEvents: readonly string[];
}

interface Tracked {
  socket: Socket;
  policy: NamespacePolicy;
  messages: TokenBucket;
  strikes: number;
  expiryTimer: NodeJS.Timeout | null;
}

/** Per person, across every connection of theirs on this instance. */
interface PersonBudget {
  sockets: number;
  bytesIn: TokenBucket;
  syncOut: TokenBucket;
  joins: TokenBucket;
  joinsInFlight: number;
  /** When the person's last socket closed (budgets outlive it, so reconnecting does not refill them). */
  idleSince: number | null;
  /** Set when a connection of theirs was closed for flooding: new handshakes are refused until then. */
  penaltyUntil: number;
}

/** A refused message counts as a strike; a connection past this many is closed. */
const MAX_STRIKES = 20;
/** How often connections are checked for a backlog of unread messages. */
const BACKLOG_SWEEP_MS = 1000;
/** A client-side timer firing at expiry races the server's: a renewal this late still counts. */
const EXPIRY_GRACE_MS = 5000;
/** How long a person's budgets are kept after their last socket closed: a flooder gains nothing by reconnecting. */
const BUDGET_MEMORY_MS = 60_000;
/** How long someone whose connection was closed for flooding is turned away at the handshake, before any query. */
const FLOOD_PENALTY_MS = 10_000;
/** Refused handshakes an address earns back per second; past its burst (configured) it is turned away at upgrade. */
const HANDSHAKE_REFUSALS_REFILL_PER_SECOND = 2;
/** How long an address turned away at the upgrade waits for its answer (a reconnect loop slows down to this pace). */
const REFUSAL_PAUSE_MS = 1000;
/** Upgrades of one address held for that pause at once; more are answered at once. */
const MAX_HELD_REFUSALS_PER_ADDRESS = 64;

/** The parts of engine.io's connection and of its `ws` WebSocket the byte gate uses (not in socket.io's types). */
interface EngineConnection {
  transport: { name: string; socket?: GatedWebSocket };
}
interface GatedWebSocket {
  readyState: number;
  prependListener(event: 'message', listener: (data: Buffer | ArrayBuffer | Buffer[]) => void): void;
  pause(): void;
  resume(): void;
}
const WS_OPEN = 1;

/**
 * The one place that decides who may hold a socket and what one may cost, for every namespace (`/collab`,
 * `/meetings`, `/events`): the handshake's token check, a cap on one person's sockets, budgets per connection
 * (messages) and per person (bytes in, sync bytes out, joins), a limit on what a client may leave unread, the end of
 * a connection's rights when its token expires (unless renewed with `reauth`) or its session ends (sign-out,
 * password change). Gateways call `admit` first in `handleConnection` and keep only their domain's logic.
 */
@Injectable()
export class RealtimeConnections implements OnModuleDestroy {
  private readonly logger = new Logger('Realtime');
  private readonly tracked = new Map<string, Tracked>();
  private readonly people = new Map<string, PersonBudget>();
  /** Per client address, its recently refused handshakes (a flood of reconnections is cut before the upgrade). */
  private readonly refusedHandshakes = new Map<string, TokenBucket>();
  private readonly heldRefusals = new Map<string, number>();
  /** WebSockets whose bytes are already counted: namespaces of one client share its WebSocket. */
  private readonly gated = new WeakSet<object>();
  private readonly subscription: Subscription;
  private readonly sweep: NodeJS.Timeout;

  constructor(
    @Inject(PRINCIPAL_RESOLVER) private readonly resolver: PrincipalResolver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accessChanges: AccessChanges,
  ) {
    this.subscription = accessChanges.sessionsEnded$.subscribe((ended) => this.endSessions(ended));
    this.sweep = setInterval(() => this.dropSlowConsumers(), BACKLOG_SWEEP_MS);
    this.sweep.unref();
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
    clearInterval(this.sweep);
    for (const entry of this.tracked.values()) if (entry.expiryTimer) clearTimeout(entry.expiryTimer);
  }

  /** Handshake middleware for a namespace: a valid access token of a live session, within the person's socket cap. */
  handshake() {
    return async (socket: Socket, done: (err?: Error) => void) => {
      const next = (err?: Error) => {
        if (err && (err as Error & { data: HandshakeErrorData }).data.code !== 'unavailable') this.noteRefusal(socket.request);
        done(err);
      };
      const token: unknown = socket.handshake.auth?.['token'];
      // Someone just closed for flooding, or already at their socket cap, is turned away before the token costs a
      // database query. The subject is read unverified: a forged one can only refuse its own sender.
      const claimed = typeof token === 'string' && token.length < 4096 ? this.resolver.subjectOf(token) : null;
      const known = claimed ? this.people.get(claimed) : undefined;
      if (known && (known.penaltyUntil > Date.now() || known.sockets >= this.config.REALTIME_MAX_SOCKETS_PER_PERSON)) {
        return next(handshakeError('too_many_connections'));
      }
      let verified;
      try {
        verified = typeof token === 'string' && token.length < 4096 ? await this.resolver.verifyAccessToken(token) : null;
      } catch (err) {
        if (!isDatabaseUnavailable(err)) this.logger.error(`Handshake failed: ${String(err)}`);
        // The token could not be checked: the client should retry, not give up as if signed out.
        return next(handshakeError('unavailable'));
      }
      if (!verified) return next(handshakeError('unauthenticated'));
      if ((this.people.get(verified.principal.id)?.sockets ?? 0) >= this.config.REALTIME_MAX_SOCKETS_PER_PERSON) {
        return next(handshakeError('too_many_connections'));
      }
      const data = socket.data as RealtimeSocketData;
      data.principal = verified.principal;
      data.sessionId = verified.sessionId;
      data.expiresAt = verified.expiresAt;
      next();
    };
  }

  /**
   * Whether a new connection may even start from this request's address: one whose handshakes were refused many
   * times in a row (a client reconnecting in a loop after being closed for flooding, or guessing tokens) is answered
   * 403 before the WebSocket upgrade, which costs the server a fraction of a refused socket.io handshake.
   */
  screenHandshake(req: IncomingMessage, decide: (allowed: boolean) => void): void {
    const address = this.addressOf(req);
    const refusals = this.refusedHandshakes.get(address);
    if (refusals?.available() ?? true) return decide(true);
    // The refusal is answered after a pause: a client reconnecting in a loop then costs one attempt per pause, not
    // thousands a second. Only so many are held per address; beyond that they are refused at once.
    const held = this.heldRefusals.get(address) ?? 0;
    if (held >= MAX_HELD_REFUSALS_PER_ADDRESS) return decide(false);
    this.heldRefusals.set(address, held + 1);
    setTimeout(() => {
      const left = (this.heldRefusals.get(address) ?? 1) - 1;
      if (left > 0) this.heldRefusals.set(address, left);
      else this.heldRefusals.delete(address);
      decide(false);
    }, REFUSAL_PAUSE_MS).unref();
  }

  private noteRefusal(req: IncomingMessage): void {
    const address = this.addressOf(req);
    let refusals = this.refusedHandshakes.get(address);
    if (!refusals) {
      const burst = this.config.REALTIME_HANDSHAKE_REFUSALS_PER_ADDRESS;
      refusals = new TokenBucket(HANDSHAKE_REFUSALS_REFILL_PER_SECOND, burst);
      this.refusedHandshakes.set(address, refusals);
    }
    refusals.spend(1);
  }

  /** The client's address as REST's rate limits see it (TRUST_PROXY hops of X-Forwarded-For; an IPv6 /64 as one). */
  private addressOf(req: IncomingMessage): string {
    const hops = this.config.TRUST_PROXY;
    const address = proxyAddress(req, (_address, hop) => hop < hops);
    return address ? normalizeIp(address) : 'unknown';
  }

  /**
   * Counts every WebSocket message against its person's bytes budget as it arrives, before it is decoded; a person
   * in debt has their connections stop being read until the budget refilled. A client sending faster than its
   * budget is slowed down by TCP back-pressure instead of making the server read, decode and refuse what it sends.
   */
  private gateBytes(socket: Socket, person: PersonBudget): void {
    const transport = (socket.conn as unknown as EngineConnection).transport;
    const ws = transport.name === 'websocket' ? transport.socket : undefined;
    if (!ws || this.gated.has(ws)) return;
    this.gated.add(ws);
    let paused = false;
    ws.prependListener('message', (data) => {
      person.bytesIn.spend(messageBytes(data));
      const wait = person.bytesIn.msUntilAvailable();
      if (wait === 0 || paused) return;
      paused = true;
      ws.pause();
      setTimeout(() => {
        paused = false;
        if (ws.readyState === WS_OPEN) ws.resume();
      }, wait).unref();
    });
  }

  /**
   * Keeps a namespace's decisions current: whenever a person's roles change, their principal is loaded again, every
   * socket of theirs on `namespace` holds it, and `recheck` re-decides what those sockets may keep (documents, rooms).
   * A person who no longer exists gets `null`. Unsubscribe on module destroy.
   */
  watchAccess<Data extends RealtimeSocketData>(
    namespace: TypedNamespace<Data>,
    recheck: (sockets: TypedSocket<Data>[], principal: AuthPrincipal | null) => Promise<void>,
  ): Subscription {
    return this.accessChanges.userChanged$.subscribe((userId) => {
      const sockets = [...namespace.sockets.values()].filter((socket) => socket.data.principal?.id === userId);
      if (!sockets.length) return;
      this.resolver
        .load(userId)
        .then((principal) => {
          if (principal) for (const socket of sockets) socket.data.principal = principal;
          return recheck(sockets, principal);
        })
        .catch((err: unknown) => this.logger.error(`Re-checking access on ${namespace.name} failed: ${String(err)}`));
    });
  }

  /** Starts protecting an authenticated connection; call first in the gateway's `handleConnection`. */
  admit(socket: Socket, policy: NamespacePolicy): void {
    const data = socket.data as RealtimeSocketData;
    const person = this.personOf(data.principal.id);
    person.sockets += 1;
    person.idleSince = null;
    const entry: Tracked = { socket, policy, messages: new TokenBucket(policy.messagesPerSecond), strikes: 0, expiryTimer: null };
    this.tracked.set(socket.id, entry);
    this.scheduleExpiry(entry);
    this.gateBytes(socket, person);
    socket.use((packet, next) => {
      if (this.mayReceive(entry, person, packet)) next();
    });
    socket.on(REALTIME_EVENTS.reauth, (...args: unknown[]) => {
      const { payload: token, ack } = withAck(args);
      this.reauth(entry, token).then(
        (result) => ack?.(result),
        (err: unknown) => {
          // Never an unhandled rejection (the process would exit): the client hears it could not be checked.
          this.logger.error(`Reauth failed: ${String(err)}`);
          ack?.({ ok: false, code: 'unavailable', message: 'The token cannot be checked now; try again shortly' } satisfies ReauthResult);
        },
      );
    });
    socket.once('disconnect', () => {
      this.tracked.delete(socket.id);
      if (entry.expiryTimer) clearTimeout(entry.expiryTimer);
      person.sockets -= 1;
      if (person.sockets === 0) person.idleSince = Date.now();
    });
  }

  /**
   * A join (opening a document or room) may start: within the person's budget and with few of theirs in flight.
   * Returns the function that marks it finished, or null when refused (the caller answers `rate_limited`).
   */
  beginJoin(socket: Socket): (() => void) | null {
    const entry = this.tracked.get(socket.id);
    const person = this.people.get((socket.data as RealtimeSocketData).principal.id);
    if (!entry || !person) return null;
    if (person.joinsInFlight >= this.config.REALTIME_MAX_JOINS_IN_FLIGHT) {
      this.strike(entry);
      return null;
    }
    person.joinsInFlight += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      person.joinsInFlight -= 1;
    };
  }

  /**
   * Whether the server may produce a sync answer for this connection now: its person's sync budget is not in debt
   * and the client has read what it was sent. Charge the answer's size with `chargeSync` once it is known.
   */
  maySync(socket: Socket): boolean {
    const entry = this.tracked.get(socket.id);
    const person = this.people.get((socket.data as RealtimeSocketData).principal.id);
    if (!entry || !person) return false;
    if (person.syncOut.available() && socketBacklogBytes(socket) < this.config.REALTIME_MAX_BACKLOG_BYTES / 2) return true;
    this.strike(entry);
    return false;
  }

  chargeSync(socket: Socket, bytes: number): void {
    this.people.get((socket.data as RealtimeSocketData).principal.id)?.syncOut.spend(bytes);
  }

  /** Sends `{ code, message }` on the namespace's error event (and `extra`, e.g. the document it concerns). */
  fail(socket: Socket, code: string, message: string, extra: Record<string, unknown> = {}): void {
    const entry = this.tracked.get(socket.id);
    socket.emit(entry?.policy.errorEvent ?? 'error', { code, message, ...extra });
  }

  private personOf(userId: string): PersonBudget {
    let person = this.people.get(userId);
    if (!person) {
      const c = this.config;
      person = {
        sockets: 0,
        bytesIn: new TokenBucket(c.REALTIME_BYTES_IN_PER_SECOND, c.REALTIME_BYTES_IN_PER_SECOND * 2),
        // No burst beyond one second's worth: whole-document answers come one after another, not in a heap.
        syncOut: new TokenBucket(c.COLLAB_SYNC_BYTES_PER_SECOND, c.COLLAB_SYNC_BYTES_PER_SECOND),
        joins: new TokenBucket(c.REALTIME_JOINS_PER_SECOND),
        joinsInFlight: 0,
        idleSince: null,
        penaltyUntil: 0,
      };
      this.people.set(userId, person);
    }
    return person;
  }

  /** Every incoming packet of every namespace passes here before its handler. */
  private mayReceive(entry: Tracked, person: PersonBudget, packet: unknown[]): boolean {
    const event = packet[0];
    if (typeof event === 'string' && RESERVED_EVENTS.has(event)) {
      // No client library sends these; dispatched, a forged `disconnect` would run the server's disconnect handlers
      // (releasing the connection's place in the person's socket cap, leaving its documents and rooms) while the
      // connection stays open. A protocol violation: the connection is closed.
      this.logger.warn(
        `Closing a connection of ${(entry.socket.data as RealtimeSocketData).principal.id} that sent the reserved event ${event}`,
      );
      entry.socket.disconnect(true);
      return false;
    }
    let refusal: string | null = null;
    // Bytes were counted (and paid for by waiting) when the message arrived; see `gateBytes`.
    if (!entry.messages.take()) refusal = 'Too many messages; slow down';
    else if (typeof event === 'string' && entry.policy.joinEvents.includes(event) && !person.joins.take())
      refusal = 'Too many joins; slow down';
    if (refusal === null) return true;
    if (this.strike(entry)) this.fail(entry.socket, 'rate_limited' satisfies RealtimeErrorCode, refusal, refusalContext(packet));
    // A refused event that expects an answer still gets one, so the client does not wait for it forever.
    const ack = packet[packet.length - 1];
    if (typeof ack === 'function') ack({ ok: false, error: { code: 'rate_limited', message: refusal } });
    return false;
  }

  /** Counts a refusal; returns false once the connection was closed for it. */
  private strike(entry: Tracked): boolean {
    entry.strikes += 1;
    if (entry.strikes <= MAX_STRIKES) return true;
    const person = this.people.get((entry.socket.data as RealtimeSocketData).principal.id);
    if (person) person.penaltyUntil = Date.now() + FLOOD_PENALTY_MS;
    this.close(entry.socket, 'rate_limited', 'Disconnected: too many refused messages');
    return false;
  }

  private close(socket: Socket, code: RealtimeErrorCode, message: string): void {
    if (socket.disconnected) return;
    this.fail(socket, code, message);
    socket.disconnect(true);
  }

  private async reauth(entry: Tracked, token: unknown): Promise<ReauthResult> {
    const data = entry.socket.data as RealtimeSocketData;
    const parsed = reauthTokenSchema.safeParse(token);
    let verified;
    try {
      verified = parsed.success ? await this.resolver.verifyAccessToken(parsed.data) : null;
    } catch (err) {
      if (!isDatabaseUnavailable(err)) this.logger.error(`Reauth failed: ${String(err)}`);
      return { ok: false, code: 'unavailable', message: 'The token cannot be checked now; try again shortly' };
    }
    // A token of someone else never changes who a connection is.
    if (!verified || verified.principal.id !== data.principal.id) {
      return { ok: false, code: 'unauthenticated', message: 'Not a valid access token of this person' };
    }
    data.principal = verified.principal;
    data.sessionId = verified.sessionId;
    data.expiresAt = verified.expiresAt;
    this.scheduleExpiry(entry);
    return { ok: true, expiresAt: new Date(verified.expiresAt).toISOString() };
  }

  private scheduleExpiry(entry: Tracked): void {
    if (entry.expiryTimer) clearTimeout(entry.expiryTimer);
    const { expiresAt } = entry.socket.data as RealtimeSocketData;
    // setTimeout's longest delay is about 24.8 days; access tokens live minutes.
    const delay = Math.min(Math.max(0, expiresAt + EXPIRY_GRACE_MS - Date.now()), 2 ** 31 - 1);
    entry.expiryTimer = setTimeout(
      () => this.close(entry.socket, 'session_expired', 'Your sign-in expired; reconnect with a new token'),
      delay,
    );
    entry.expiryTimer.unref();
  }

  private endSessions(ended: SessionsEnded): void {
    for (const { socket } of this.tracked.values()) {
      const data = socket.data as RealtimeSocketData;
      if (data.principal.id !== ended.userId) continue;
      const matches =
        'sessionId' in ended ? data.sessionId === ended.sessionId : data.sessionId === null || data.sessionId !== ended.exceptSessionId;
      if (matches) this.close(socket, 'session_ended', 'You were signed out of this device');
    }
  }

  /** Forgets the budgets of people gone for a while (checked with the backlog, once a second). */
  private forgetIdlePeople(): void {
    const now = Date.now();
    for (const [userId, person] of this.people) {
      if (
        person.idleSince !== null &&
        person.joinsInFlight === 0 &&
        now - person.idleSince > BUDGET_MEMORY_MS &&
        person.penaltyUntil < now
      ) {
        this.people.delete(userId);
      }
    }
  }

  private dropSlowConsumers(): void {
    this.forgetIdlePeople();
    for (const [address, refusals] of this.refusedHandshakes) if (refusals.isFull()) this.refusedHandshakes.delete(address);
    for (const { socket } of this.tracked.values()) {
      if (socketBacklogBytes(socket) <= this.config.REALTIME_MAX_BACKLOG_BYTES) continue;
      this.logger.warn(`Dropping a connection of ${(socket.data as RealtimeSocketData).principal.id} that does not read what it is sent`);
      // The error would queue behind the backlog it is about: the connection is closed straight away.
      socket.disconnect(true);
    }
  }
}

/** Socket.io's own event names, which a connection's listeners (`disconnect`) must only ever hear from socket.io. */
const RESERVED_EVENTS: ReadonlySet<string> = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

function handshakeError(code: HandshakeError): Error {
  const error = new Error(code) as Error & { data: HandshakeErrorData };
  error.data = { code, retryable: code === 'unavailable' };
  return error;
}

/** Size of a received WebSocket message as `ws` hands it over (a Buffer, or fragments, or an ArrayBuffer). */
function messageBytes(data: Buffer | ArrayBuffer | Buffer[]): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.byteLength, 0);
  return data.byteLength;
}

/** The document or room a refused packet was about, so the client can tell which of its views it concerns. */
function refusalContext(packet: unknown[]): Record<string, unknown> {
  const [, first] = packet;
  if (typeof first === 'string' && first.length <= 120) return { docName: first };
  if (typeof first === 'object' && first !== null && typeof (first as { occurrenceId?: unknown }).occurrenceId === 'string') {
    return { occurrenceId: (first as { occurrenceId: string }).occurrenceId };
  }
  return {};
}
