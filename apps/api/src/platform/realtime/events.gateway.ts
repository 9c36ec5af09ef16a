import { WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { EVENTS_NAMESPACE } from '@minga/contracts';
import { RealtimeConnections } from './realtime-connections.service';
import type { RealtimeSocketData } from './socket-events';

/**
 * `/events`: the per-user live channel (notifications and access changes build on it).
 * Each connection joins the room of its user, so a server can reach every tab of one person.
 */
@WebSocketGateway({ namespace: EVENTS_NAMESPACE })
export class EventsGateway implements OnGatewayInit, OnGatewayConnection {
  @WebSocketServer() private readonly namespace!: Namespace;

  constructor(private readonly realtime: RealtimeConnections) {}

  afterInit(namespace: Namespace): void {
    namespace.use(this.realtime.handshake());
  }

  async handleConnection(socket: Socket): Promise<void> {
    // Clients only listen here; the few messages they may send are `reauth`.
    this.realtime.admit(socket, { errorEvent: 'events-error', messagesPerSecond: 2, joinEvents: [] });
    const { principal } = socket.data as RealtimeSocketData;
    await socket.join(`user:${principal.id}`);
    socket.emit('session', { userId: principal.id, roles: principal.roles });
  }

  /** Reaches every open tab of one person. */
  emitToUser(userId: string, event: string, payload: unknown): void {
    this.namespace?.to(`user:${userId}`).emit(event, payload);
  }
}
