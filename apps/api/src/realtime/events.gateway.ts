import { Inject } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { PRINCIPAL_RESOLVER, type PrincipalResolver } from '../access/principal-resolver';
import { socketAuthMiddleware, type AuthenticatedSocketData } from './socket-auth.middleware';

/**
 * `/events`: the per-user live channel (notifications and access changes build on it).
 * Each connection joins the room of its user, so a server can reach every tab of one person.
 */
@WebSocketGateway({ namespace: '/events' })
export class EventsGateway implements OnGatewayInit, OnGatewayConnection {
  @WebSocketServer() private readonly namespace!: Namespace;

  constructor(@Inject(PRINCIPAL_RESOLVER) private readonly resolver: PrincipalResolver) {}

  afterInit(namespace: Namespace): void {
    namespace.use(socketAuthMiddleware(this.resolver));
  }

  async handleConnection(socket: Socket): Promise<void> {
    const { principal } = socket.data as AuthenticatedSocketData;
    await socket.join(`user:${principal.id}`);
    socket.emit('session', { userId: principal.id, roles: principal.roles });
  }

  /** Reaches every open tab of one person. */
  emitToUser(userId: string, event: string, payload: unknown): void {
    this.namespace?.to(`user:${userId}`).emit(event, payload);
  }
}
