import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureHttp } from './http-setup';
import { DemoSeedService } from './core/seed/demo-seed.service';
import { databaseInUse } from './platform/database/database.module';
import { stopEmbeddedPostgres } from './platform/database/embedded-postgres';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
  const { config } = configureHttp(app);
  // Graceful shutdown: stop taking connections, finish requests, close the pool and the embedded PostgreSQL, exit 0.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  await app.listen(config.PORT, config.HOST);
  const url = await app.getUrl();
  const demo = app.get(DemoSeedService).signInHelp;
  process.stdout.write(
    `\nMinga is running at ${config.publicUrl} (listening on ${url})\nUsing ${databaseInUse}\n${demo ? `${demo}\n` : ''}\n`,
  );
}

bootstrap().catch(async (err: unknown) => {
  process.stderr.write(`Minga failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  // Never leave the embedded PostgreSQL behind when start-up fails half-way.
  await stopEmbeddedPostgres().catch(() => undefined);
  process.exit(1);
});
