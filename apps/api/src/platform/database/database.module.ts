import { Global, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { startEmbeddedPostgres, stopEmbeddedPostgres } from './embedded-postgres';
import { MIGRATIONS } from './migrations';

const logger = new Logger('Database');

/** One line for the start-up banner: which database this process uses. */
export let databaseInUse = 'not connected';

async function resolveDatabaseUrl(config: AppConfig): Promise<string> {
  if (config.DATABASE_URL) {
    databaseInUse = `PostgreSQL from DATABASE_URL (${redact(config.DATABASE_URL)})`;
    logger.log(`Using ${databaseInUse}`);
    return config.DATABASE_URL;
  }
  const embedded = await startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT, (m) => logger.warn(m));
  databaseInUse = `embedded PostgreSQL on 127.0.0.1:${config.EMBEDDED_PG_PORT}, data in ${embedded.dataDir}`;
  logger.log(`Using ${databaseInUse}`);
  return embedded.url;
}

const MIGRATION_LOCK = 7461000;

/**
 * Instances starting together on one database (or test workers on a fresh one) take turns; without the lock
 * both would create the same tables and one would fail to start.
 */
async function runMigrationsExclusively(dataSource: DataSource): Promise<void> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
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
        // Schema changes only through committed migrations, applied at start by dataSourceFactory.
        synchronize: false,
        migrations: MIGRATIONS,
        migrationsRun: false,
        extra: { max: 20, connectionTimeoutMillis: 5000 },
      }),
      dataSourceFactory: async (options?: DataSourceOptions) => {
        if (!options) throw new Error('No database options');
        const dataSource = await new DataSource(options).initialize();
        try {
          await runMigrationsExclusively(dataSource);
        } catch (err) {
          await dataSource.destroy();
          throw err;
        }
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await stopEmbeddedPostgres();
  }
}
