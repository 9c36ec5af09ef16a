import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CookieOptions } from 'express';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { resolveJwtSecret } from '../../platform/config/jwt-secret';

export const DEVICE_COOKIE = 'minga_device';
const DEVICE_TTL_DAYS = 365;
/** A shared computer remembers this many people; the one who signed in longest ago is forgotten first. */
const PEOPLE_PER_DEVICE = 5;
const ENTRY = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

interface Person {
  id: string;
  passwordHash: string;
}

/**
 * A device where a person signed in before carries a signed cookie saying so; with it, their right password gets
 * through even while their email is locked for everyone else (SIGN_IN_ACCOUNT_LOCK_THRESHOLD). The signature
 * covers the password hash, so a password change forgets every device, an attacker's included.
 */
@Injectable()
export class KnownDevicesService {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = createHmac('sha256', resolveJwtSecret(config)).update('minga known device').digest();
  }

  recognises(cookie: string | undefined, person: Person): boolean {
    const entry = entriesOf(cookie).find((e) => e.userId === person.id);
    if (!entry || Date.now() / 1000 - entry.issuedAt > DEVICE_TTL_DAYS * 86_400) return false;
    // Both are 43 base64url characters (the pattern of an entry makes sure), as timingSafeEqual needs.
    return timingSafeEqual(Buffer.from(entry.signature), Buffer.from(this.signatureOf(person, entry.issuedAt)));
  }

  /** The cookie after `person` signed in on this device: their entry renewed and first, others kept. */
  remember(cookie: string | undefined, person: Person): string {
    const issuedAt = Math.floor(Date.now() / 1000);
    const mine = `${person.id}.${issuedAt}.${this.signatureOf(person, issuedAt)}`;
    const others = entriesOf(cookie)
      .filter((e) => e.userId !== person.id)
      .map((e) => e.raw);
    return [mine, ...others].slice(0, PEOPLE_PER_DEVICE).join('~');
  }

  cookieOptions(): CookieOptions {
    return {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.publicUrl.startsWith('https://'),
      path: '/api/auth',
      maxAge: DEVICE_TTL_DAYS * 86_400_000,
    };
  }

  private signatureOf(person: Person, issuedAt: number): string {
    return createHmac('sha256', this.key).update(`${person.id}.${issuedAt}.${person.passwordHash}`).digest('base64url');
  }
}

function entriesOf(cookie: string | undefined): { raw: string; userId: string; issuedAt: number; signature: string }[] {
  if (!cookie) return [];
  return cookie.split('~').flatMap((raw) => {
    const [, userId, issuedAt, signature] = ENTRY.exec(raw) ?? [];
    return userId && issuedAt && signature ? [{ raw, userId, issuedAt: Number(issuedAt), signature }] : [];
  });
}
