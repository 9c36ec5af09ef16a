import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CLUSTER_BUS, SingleInstanceBus, type ClusterBus } from './cluster-bus';
import { RedisClusterBus } from './redis-cluster-bus';

/** What makes several API instances one: the bus between them (Redis when REDIS_URL is set, nothing otherwise). */
@Global()
@Module({
  providers: [
    {
      provide: CLUSTER_BUS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): ClusterBus =>
        config.REDIS_URL ? new RedisClusterBus(config.REDIS_URL, config.REDIS_KEY_PREFIX) : new SingleInstanceBus(),
    },
  ],
  exports: [CLUSTER_BUS],
})
export class ClusterModule implements OnApplicationShutdown {
  constructor(@Inject(CLUSTER_BUS) private readonly bus: ClusterBus) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.bus instanceof RedisClusterBus) await this.bus.close();
  }
}
