import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { normalizeIp } from '@nestjs/throttler';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { resolveJwtSecret } from '../../platform/config/jwt-secret';

/** The `client` of the per-email counter that adds up failures from every address. */
const EVERY_ADDRESS = '*';
/** Expired counters deleted per failed sign-in: enough to keep up with any rate of failures, cheap each time. */
const CLEANUP_BATCH = 100;

/** The client address as the rate limiter sees it (TRUST_PROXY decides `req.ip`; an IPv6 /64 counts as one). */
export function clientAddressOf(req: Request): string {
  return req.ip ? normalizeIp(req.ip) : 'unknown';
}

/**
 * Counts failed sign-ins in PostgreSQL, so every API instance sees the same counts. An email is locked per client
 * address (SIGN_IN_LOCK_THRESHOLD): whoever guesses from one address locks only that address out, not the owner.
 * Against guessing spread over many addresses, the email is also locked for every address after
 * SIGN_IN_ACCOUNT_LOCK_THRESHOLD failures, except on devices known to be the owner's (the caller decides that).
 * Unknown emails are counted the same way, so the answers never tell whether an account exists.
 */
@Injectable()
export class SignInLockoutService {
  private readonly emailKey: Buffer;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // A keyed hash: the table never holds a stranger's email, and without the secret a guess cannot be checked.
    this.emailKey = createHmac('sha256', resolveJwtSecret(config)).update('minga sign-in failures').digest();
  }

  /** Until when this attempt is refused without looking at the password, or null when it may try. */
  async lockedUntil(email: string, client: string, knownDevice: boolean): Promise<Date | null> {
    const rows: { locked_until: Date }[] = await this.db.query(
      `SELECT locked_until FROM sign_in_failures
       WHERE email_hash = $1 AND client = ANY($2::text[]) AND locked_until > now()`,
      [this.hashOf(email), knownDevice ? [client] : [client, EVERY_ADDRESS]],
    );
    return latest(rows.map((r) => r.locked_until));
  }

  /** Counts a failure for the address and for the email; returns until when this attempt's answer is "locked". */
  async recordFailure(email: string, client: string, knownDevice: boolean): Promise<Date | null> {
    const emailHash = this.hashOf(email);
    const [forAddress, forEmail] = await Promise.all([
      this.count(emailHash, client, this.config.SIGN_IN_LOCK_THRESHOLD),
      this.count(emailHash, EVERY_ADDRESS, this.config.SIGN_IN_ACCOUNT_LOCK_THRESHOLD),
    ]);
    await this.forgetExpired();
    return latest(knownDevice ? [forAddress] : [forAddress, forEmail]);
  }

  /** The owner got in from this address: its count starts over. The count over all addresses runs out on its own. */
  async recordSuccess(email: string, client: string): Promise<void> {
    await this.db.query(`DELETE FROM sign_in_failures WHERE email_hash = $1 AND client = $2`, [this.hashOf(email), client]);
  }

  private hashOf(email: string): Buffer {
    return createHmac('sha256', this.emailKey).update(email.trim().toLowerCase()).digest();
  }

  /**
   * One statement, so parallel failures on several instances cannot slip past the threshold. Failures count within
   * a window of SIGN_IN_LOCK_MINUTES from the first; reaching the threshold locks for SIGN_IN_LOCK_MINUTES, and the
   * first failure after a lock or a window starts a new count.
   */
  private async count(emailHash: Buffer, client: string, threshold: number): Promise<Date | null> {
    const windowEnd = `now() + make_interval(secs => $4::float8)`;
    const next = `CASE WHEN f.expires_at <= now() THEN 1 ELSE f.failures + 1 END`;
    const rows: { locked_until: Date | null }[] = await this.db.query(
      `INSERT INTO sign_in_failures AS f (email_hash, client, failures, locked_until, expires_at)
       VALUES ($1, $2, 1, CASE WHEN $3::int <= 1 THEN ${windowEnd} END, ${windowEnd})
       ON CONFLICT (email_hash, client) DO UPDATE SET
         failures = ${next},
         locked_until = CASE WHEN ${next} >= $3::int THEN ${windowEnd} END,
         expires_at = CASE WHEN ${next} >= $3::int OR f.expires_at <= now() THEN ${windowEnd} ELSE f.expires_at END
       RETURNING locked_until`,
      [emailHash, client, threshold, this.config.SIGN_IN_LOCK_MINUTES * 60],
    );
    return rows[0]?.locked_until ?? null;
  }

  private async forgetExpired(): Promise<void> {
    // The outer condition is checked again on a row another failure just renewed, so a live count is never lost.
    await this.db.query(
      `DELETE FROM sign_in_failures WHERE expires_at < now() AND (email_hash, client) IN (
         SELECT email_hash, client FROM sign_in_failures WHERE expires_at < now() LIMIT ${CLEANUP_BATCH})`,
    );
  }
}

function latest(dates: (Date | null)[]): Date | null {
  const times = dates.filter((d): d is Date => d !== null).map((d) => d.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}
