import { Global, Module } from '@nestjs/common';
import { EventsGateway } from './events.gateway';
import { RealtimeConnections } from './realtime-connections.service';

/** The socket.io layer every namespace shares: authentication, budgets, rights over time; and `/events`. */
@Global()
@Module({ providers: [RealtimeConnections, EventsGateway], exports: [RealtimeConnections, EventsGateway] })
export class RealtimeModule {}
