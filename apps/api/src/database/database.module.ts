import { Global, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { startEmbeddedPostgres, stopEmbeddedPostgres } from './embedded-postgres';
import { MIGRATIONS } from './migrations';

const logger = new Logger('Database');

export async function resolveDatabaseUrl(config: AppConfig): Promise<string> {
  if (config.DATABASE_URL) {
    logger.log(`Using PostgreSQL from DATABASE_URL (${redact(config.DATABASE_URL)})`);
    return config.DATABASE_URL;
  }
  const embedded = await startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT, (m) => logger.warn(m));
  logger.log(`Using embedded PostgreSQL on 127.0.0.1:${config.EMBEDDED_PG_PORT}, data in ${embedded.dataDir}`);
  return embedded.url;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => ({
        type: 'postgres' as const,
        url: await resolveDatabaseUrl(config),
        autoLoadEntities: true,
        // Schema changes only through committed migrations, applied at start.
        synchronize: false,
        migrations: MIGRATIONS,
        migrationsRun: true,
        migrationsTransactionMode: 'each' as const,
        extra: { max: 20, connectionTimeoutMillis: 5000 },
      }),
    }),
  ],
})
export class DatabaseModule implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await stopEmbeddedPostgres();
  }
}
