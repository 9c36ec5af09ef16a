// Every environment variable the API reads, parsed once at start; the README's configuration table mirrors this file.
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const DEFAULT_DEMO_PASSWORD = 'minga-demo-2026';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  /** Prefix of every Redis key and channel of this deployment, so that deployments sharing a Redis stay apart. */
  REDIS_KEY_PREFIX: z.string().min(1).max(100).default('minga:'),
  DATA_DIR: z.string().default('.data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  JWT_SECRET: z.string().min(32).optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  CORS_ORIGINS: z.string().default(''),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Minga <no-reply@minga.dev>'),
  SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  API_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  PRINCIPAL_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(5),
  /** Failed sign-ins for one email from one client address that lock that address out for that email. */
  SIGN_IN_LOCK_THRESHOLD: z.coerce.number().int().min(1).default(5),
  /** Failed sign-ins for one email from any address that lock it for every device not known to be its owner's. */
  SIGN_IN_ACCOUNT_LOCK_THRESHOLD: z.coerce.number().int().min(1).default(50),
  /** The window failures are counted in, and how long a lock lasts; fractions allowed (tests use seconds). */
  SIGN_IN_LOCK_MINUTES: z.coerce.number().min(0.01).max(1440).default(15),
  MINGA_DEMO: bool.default(true),
  DEMO_PASSWORD: z.string().min(10).default(DEFAULT_DEMO_PASSWORD),
  WEB_DIST: z.string().optional(),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  COLLAB_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(8 * 1024 * 1024),
  COLLAB_UNLOAD_GRACE_SECONDS: z.coerce.number().min(0).max(3600).default(10),
  COLLAB_COMPACT_AFTER_ROWS: z.coerce.number().int().min(10).max(1_000_000).default(500),
  COLLAB_COMPACT_MIN_INTERVAL_SECONDS: z.coerce.number().min(0).max(3600).default(5),
  COLLAB_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).max(100_000).default(400),
  /** Sync answers (the part of a document a client lacks) one person may make the server send per second. */
  COLLAB_SYNC_BYTES_PER_SECOND: z.coerce
    .number()
    .int()
    .min(1024)
    .default(4 * 1024 * 1024),
  /** Largest presence state (cursor, selection) of one client. */
  COLLAB_MAX_PRESENCE_BYTES: z.coerce
    .number()
    .int()
    .min(256)
    .max(1024 * 1024)
    .default(4096),
  /** Presence updates one connection may send per second (cursor moves), twice that in a burst. */
  COLLAB_PRESENCE_PER_SECOND: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Sockets one person may hold open on one instance, across namespaces (a tab opens two or three). */
  REALTIME_MAX_SOCKETS_PER_PERSON: z.coerce.number().int().min(1).max(10_000).default(32),
  /** Bytes one person's connections may send per second, together (twice that in a burst); beyond, they are not read. */
  REALTIME_BYTES_IN_PER_SECOND: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Refused handshakes one client address may have in a burst (two more a second) before it is turned away at upgrade. */
  REALTIME_HANDSHAKE_REFUSALS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(20),
  /** Documents and rooms one person may open or leave per second, together (twice that in a burst). */
  REALTIME_JOINS_PER_SECOND: z.coerce.number().min(0.1).max(10_000).default(10),
  /** Joins of one person served at once (each costs database queries); more are refused until one finishes. */
  REALTIME_MAX_JOINS_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(4),
  /** Bytes a client may leave unread before the server drops its connection (it resyncs when it reconnects). */
  REALTIME_MAX_BACKLOG_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(64 * 1024 * 1024),
  /** How often notifications chosen for the digest are mailed (a day by default). */
  NOTIFICATION_DIGEST_INTERVAL_MINUTES: z.coerce.number().min(0.1).max(10_080).default(1440),
  COLLAB_AUTO_VERSION_MINUTES: z.coerce.number().min(0.01).max(1440).default(10),
  /** A person who drops out of a live meeting room and comes back within this many seconds keeps one stay. */
  MEETING_ROOM_GRACE_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  /** An open attendance stay no instance has vouched for in this many seconds (its instance died) is closed. */
  MEETING_ROOM_STAY_TIMEOUT_SECONDS: z.coerce.number().min(1).max(3600).default(90),
  /** How often meeting reminders (24 hours and 15 minutes before) are looked for; 0 turns the sweep off. */
  MEETING_REMINDER_SWEEP_SECONDS: z.coerce.number().min(0).max(3600).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type AppConfig = z.infer<typeof envSchema> & { publicUrl: string; corsOrigins: string[] };

export const APP_CONFIG = Symbol('APP_CONFIG');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const cfg = parsed.data;
  if (cfg.NODE_ENV === 'production' && !cfg.JWT_SECRET) {
    throw new Error('Invalid configuration: JWT_SECRET is required in production');
  }
  const publicUrl = (cfg.PUBLIC_URL ?? `http://localhost:${cfg.PORT}`).replace(/\/$/, '');
  const corsOrigins = cfg.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  return { ...cfg, publicUrl, corsOrigins };
}
