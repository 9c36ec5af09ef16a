// Everything the HTTP server needs besides the module graph; shared by main.ts and the integration tests.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import serveStatic from 'serve-static';
import { Logger } from 'nestjs-pino';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { z } from 'zod';
import { ERROR_CODES, ERRORS, MAX_IMPORT_BYTES, problemDetailsSchema } from '@minga/contracts';
import { APP_CONFIG, type AppConfig } from './platform/config/app-config';
import { MingaSocketIoAdapter } from './platform/realtime/socket-io.adapter';

export function configureHttp(app: NestExpressApplication): { config: AppConfig; openApi: OpenAPIObject } {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  app.useWebSocketAdapter(new MingaSocketIoAdapter(app, config));
  if (config.TRUST_PROXY) app.set('trust proxy', config.TRUST_PROXY);
  const https = config.publicUrl.startsWith('https://');
  app.use(
    helmet({
      // Over plain HTTP (a local start) HSTS and request upgrades would break the app.
      strictTransportSecurity: https,
      contentSecurityPolicy: {
        directives: {
          'upgrade-insecure-requests': https ? [] : null,
          // Swagger UI at /api/docs needs inline styles; scripts stay same-origin only.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'", 'ws:', 'wss:'],
        },
      },
    }),
  );
  app.use(cookieParser());
  app.useBodyParser('json', { limit: '1mb' });
  // CSV imports of action plans may be sent as text/csv; larger bodies are a 413.
  app.useBodyParser('text', { type: 'text/csv', limit: MAX_IMPORT_BYTES });
  app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false, credentials: true });

  const openApi = buildOpenApi(app);
  SwaggerModule.setup('api/docs', app, openApi, { jsonDocumentUrl: 'api/openapi.json', yamlDocumentUrl: 'api/openapi.yaml' });
  serveWebApp(app, config);
  return { config, openApi };
}

function buildOpenApi(app: NestExpressApplication): OpenAPIObject {
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle('Minga API')
      .setDescription('Hubs, cities, people, roles and invitations of the smart-cities alliance. Errors are RFC 9457 problem details.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  const cleaned = cleanupOpenApiDoc(doc, { version: '3.1' });
  cleaned.components = cleaned.components ?? {};
  // The document names every code the API may answer with (clients still accept codes added later).
  const httpCodes = ERROR_CODES.filter((code) => ERRORS[code].status !== null);
  const problemDetails = z.toJSONSchema(problemDetailsSchema.extend({ code: z.enum(httpCodes) }));
  cleaned.components.schemas = { ...cleaned.components.schemas, ProblemDetails: problemDetails as object };
  return cleaned;
}

/** The built web app is served from the same port; unknown /api paths stay JSON 404s, other paths get the SPA. */
function serveWebApp(app: NestExpressApplication, config: AppConfig): void {
  const webDist = resolve(config.WEB_DIST ?? join(process.cwd(), 'dist/apps/web'));
  const index = join(webDist, 'index.html');
  if (!existsSync(index)) return;
  const isServerPath = (path: string) => path.startsWith('/api') || path.startsWith('/socket.io');
  // Assets are looked up on disk only for paths that can be assets: a stat per API request cost ~7 % of its CPU.
  const assets = serveStatic(webDist, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => (isServerPath(req.path) ? next() : assets(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || isServerPath(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
