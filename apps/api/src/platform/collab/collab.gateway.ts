import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import {
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { changeSeqSchema, COLLAB_EVENTS, COLLAB_NAMESPACE, docNameSchema, type CollabErrorCode, type JoinResult } from '@minga/contracts';
import type { AuthPrincipal } from '../access/principal';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { isDatabaseUnavailable } from '../database/database-outage';
import { RealtimeConnections } from '../realtime/realtime-connections.service';
import { withAck, type RealtimeSocketData, type TypedNamespace, type TypedSocket } from '../realtime/socket-events';
import { TokenBucket } from '../realtime/token-bucket';
import { DocumentAccessRegistry } from './document-access';
import { LiveDocuments } from './live-documents.service';
import { decodePresence } from './presence';
import { parseMessage } from './y-messages';

interface CollabSocketData extends RealtimeSocketData {
  /** Documents this connection joined; socket.io empties socket.rooms before the disconnect handler runs. */
  joined: Set<string>;
  presence: TokenBucket;
}
type CollabSocket = TypedSocket<CollabSocketData>;

/**
 * `/collab`: Yjs documents over socket.io with the standard y-protocols messages.
 * Events are registered on the raw socket: they carry two arguments (docName, bytes), which Nest handlers do not.
 * Who may connect and what a connection may cost is the realtime layer's; this gateway decides per document.
 */
@WebSocketGateway({ namespace: COLLAB_NAMESPACE })
export class CollabGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger('CollabGateway');
  private accessSubscription: Subscription | null = null;
  @WebSocketServer() private readonly namespace!: TypedNamespace<CollabSocketData>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly documents: LiveDocuments,
    private readonly access: DocumentAccessRegistry,
    private readonly realtime: RealtimeConnections,
  ) {}

  afterInit(namespace: TypedNamespace<CollabSocketData>): void {
    namespace.use(this.realtime.handshake());
    this.documents.attach(namespace);
    this.accessSubscription = this.realtime.watchAccess(namespace, (sockets, principal) => this.recheck(sockets, principal));
  }

  onModuleDestroy(): void {
    this.accessSubscription?.unsubscribe();
  }

  /** After a role change: every open document of that person is re-decided; lost access closes it for them. */
  private async recheck(sockets: CollabSocket[], principal: AuthPrincipal | null): Promise<void> {
    for (const socket of sockets) {
      for (const docName of [...socket.data.joined]) {
        const live = this.documents.get(docName);
        const member = live?.members.get(socket.id);
        if (!live || !member) continue;
        const access = principal ? await this.access.accessFor(principal, docName) : 'none';
        if (access === null || access === 'none') {
          this.leave(socket, docName);
          this.fail(socket, 'forbidden', 'Your access to this document was revoked', docName);
        } else if (access !== member.access) {
          member.access = access;
          socket.emit(COLLAB_EVENTS.access, docName, access);
        }
      }
    }
  }

  handleConnection(socket: CollabSocket): void {
    this.realtime.admit(socket, {
      errorEvent: COLLAB_EVENTS.error,
      messagesPerSecond: this.config.COLLAB_MESSAGES_PER_SECOND,
      joinEvents: [COLLAB_EVENTS.join, COLLAB_EVENTS.leave],
    });
    socket.data.joined = new Set();
    socket.data.presence = new TokenBucket(this.config.COLLAB_PRESENCE_PER_SECOND);
    socket.on(COLLAB_EVENTS.join, (...args: unknown[]) => {
      const { payload: docName, ack } = withAck(args);
      if (!ack) return this.fail(socket, 'malformed_message', 'join needs an acknowledgement callback');
      const finished = this.realtime.beginJoin(socket);
      if (!finished)
        return ack({ ok: false, error: { code: 'rate_limited', message: 'Too many documents being opened at once' } } satisfies JoinResult);
      this.join(socket, docName)
        .then(
          (result) => ack(result),
          (err: unknown) => {
            const unavailable = isDatabaseUnavailable(err);
            if (!unavailable) this.logger.error(`join failed: ${String(err)}`);
            const error = unavailable
              ? { code: 'unavailable' as const, message: 'The server cannot open documents right now; retrying' }
              : { code: 'internal_error' as const, message: 'Could not open the document' };
            ack({ ok: false, error } satisfies JoinResult);
          },
        )
        .finally(finished);
    });
    socket.on(COLLAB_EVENTS.leave, (docName: unknown) => {
      if (typeof docName === 'string') this.leave(socket, docName);
    });
    socket.on(COLLAB_EVENTS.y, (docName: unknown, payload: unknown, seq: unknown) => this.onMessage(socket, docName, payload, seq));
  }

  handleDisconnect(socket: CollabSocket): void {
    const { joined } = socket.data;
    for (const docName of joined ?? []) {
      const live = this.documents.get(docName);
      if (live) this.documents.removeMember(live, socket.id);
    }
  }

  private leave(socket: CollabSocket, docName: string): void {
    socket.data.joined.delete(docName);
    const live = this.documents.get(docName);
    if (live) {
      void socket.leave(live.room);
      this.documents.removeMember(live, socket.id);
    }
  }

  private async join(socket: CollabSocket, rawName: unknown): Promise<JoinResult> {
    const parsed = docNameSchema.safeParse(rawName);
    if (!parsed.success) return { ok: false, error: { code: 'unknown_document', message: 'No such document' } };
    const docName = parsed.data;
    const { principal } = socket.data;
    const access = await this.access.accessFor(principal, docName);
    if (access === null) return { ok: false, error: { code: 'unknown_document', message: 'No such document', docName } };
    if (access === 'none') return { ok: false, error: { code: 'forbidden', message: 'You may not open this document', docName } };
    const live = await this.documents.acquire(docName);
    if (socket.disconnected) return { ok: false, error: { code: 'internal_error', message: 'Disconnected while joining', docName } };
    await socket.join(live.room);
    socket.data.joined.add(docName);
    this.documents.addMember(live, socket, principal, access);
    return { ok: true, access };
  }

  private onMessage(socket: CollabSocket, docName: unknown, payload: unknown, rawSeq: unknown): void {
    // Buffers arrive as Buffer; a client that sent a typed-array view arrives as an ArrayBuffer.
    const bytes = payload instanceof Uint8Array ? payload : payload instanceof ArrayBuffer ? new Uint8Array(payload) : null;
    if (typeof docName !== 'string' || !bytes) {
      return this.fail(socket, 'malformed_message', 'Expected (docName, binary message)');
    }
    if (bytes.byteLength > this.config.COLLAB_MAX_MESSAGE_BYTES) {
      return this.fail(socket, 'message_too_large', 'The message is larger than the server accepts', docName);
    }
    const live = this.documents.get(docName);
    const member = live?.members.get(socket.id);
    if (!live || !member) return this.fail(socket, 'not_joined', 'Join the document before sending to it', docName);

    let message;
    try {
      message = parseMessage(bytes);
    } catch {
      return this.fail(socket, 'malformed_message', 'The message is not a valid y-protocols message', docName);
    }
    switch (message.kind) {
      case 'sync-step-1': {
        // The answer can be the whole document for a 4-byte request: it is paid for in bytes by the person asking.
        if (!this.realtime.maySync(socket)) return this.fail(socket, 'rate_limited', 'Too many sync requests; slow down', docName);
        this.realtime.chargeSync(socket, this.documents.sendSyncAnswer(live, socket, message.stateVector));
        return;
      }
      case 'update': {
        const seq = changeSeqSchema.safeParse(rawSeq);
        if (seq.success) this.documents.noteReceived(live, socket, seq.data);
        if (member.access !== 'edit') {
          // A read-only client's own sync step 2 is empty; anything more is an attempt to change the text.
          if (!message.isEmpty) this.fail(socket, 'read_only', 'You may not change this document', docName);
        } else if (!message.isEmpty) {
          const refusal = this.documents.applyUpdate(live, message, socket, bytes);
          if (refusal) this.fail(socket, refusal.code, refusal.message, docName);
        }
        // A numbered message that stored nothing is confirmed once everything before it is stored.
        if (seq.success) this.documents.settle(live, socket);
        return;
      }
      case 'awareness': {
        if (!socket.data.presence.take()) return this.fail(socket, 'rate_limited', 'Too many presence updates; slow down', docName);
        const entries = decodePresence(message.update, this.config.COLLAB_MAX_PRESENCE_BYTES);
        if (!Array.isArray(entries)) return this.fail(socket, entries.code, entries.message, docName);
        const refusal = this.documents.applyPresence(live, member, entries);
        if (refusal) this.fail(socket, 'presence_not_yours', refusal, docName);
        return;
      }
    }
  }

  private fail(socket: CollabSocket, code: CollabErrorCode, message: string, docName?: unknown): void {
    this.realtime.fail(socket, code, message, typeof docName === 'string' ? { docName } : {});
  }
}
