import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureHttp } from './http-setup';
import { DemoSeedService } from './seed/demo-seed.service';
import { stopEmbeddedPostgres } from './database/embedded-postgres';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
  const { config } = configureHttp(app);
  await app.listen(config.PORT, config.HOST);
  const url = await app.getUrl();
  const demo = app.get(DemoSeedService).signInHelp;
  process.stdout.write(`\nMinga is running at ${config.publicUrl} (listening on ${url})\n${demo ? `${demo}\n` : ''}\n`);
}

bootstrap().catch(async (err: unknown) => {
  process.stderr.write(`Minga failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  // Never leave the embedded PostgreSQL behind when start-up fails half-way.
  await stopEmbeddedPostgres().catch(() => undefined);
  process.exit(1);
});
