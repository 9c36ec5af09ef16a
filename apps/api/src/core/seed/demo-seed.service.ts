import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DEFAULT_WORKING_HOURS } from '@minga/contracts';
import { hashPassword } from '../../platform/common/password-hasher';
import { APP_CONFIG, DEFAULT_DEMO_PASSWORD, type AppConfig } from '../../platform/config/app-config';
import seedFacts from './seed-facts.json';
import { DemoActionPlanSeed } from './demo-action-plan-seed.service';
import { demoAccounts, type SeedCity, type SeedHub } from './demo-accounts';
import { DemoMeetingsSeed } from './demo-meetings-seed.service';
import { DEMO_MEETING_CITIES } from './demo-meetings';

/**
 * Seeds the alliance's hubs and cities (from public reports, see seed-facts.json) and one demo account per role.
 * Idempotent: it inserts what is missing and never overwrites what people changed. MINGA_DEMO=false skips it.
 */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly actionPlans: DemoActionPlanSeed,
    private readonly meetings: DemoMeetingsSeed,
  ) {}

  /** What main.ts prints once the server listens, so a newcomer sees how to sign in. */
  signInHelp = '';

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.MINGA_DEMO) return;
    const accounts = await this.seed();
    await this.actionPlans.run();
    await this.meetings.run();
    this.logger.log(`Demo data ready: ${accounts.length} demo accounts`);
    const password =
      this.config.DEMO_PASSWORD === DEFAULT_DEMO_PASSWORD ? `${DEFAULT_DEMO_PASSWORD} (default)` : 'the value of DEMO_PASSWORD';
    this.signInHelp = [`Demo sign-ins, password ${password}:`, ...accounts.map((a) => `  ${a.role.padEnd(12)}${a.email}`)].join('\n');
  }

  async seed() {
    const hubs = seedFacts.hubs as SeedHub[];
    const cities = [...(seedFacts.cities as SeedCity[]), ...DEMO_MEETING_CITIES];
    const accounts = demoAccounts(hubs, cities);
    const passwordHash = await hashPassword(this.config.DEMO_PASSWORD);
    await this.db.transaction(async (em) => {
      // Serialise concurrent first starts of several instances.
      await em.query('SELECT pg_advisory_xact_lock(7461001)');
      for (const hub of hubs) {
        await em.query(`INSERT INTO hubs (key, name, languages, time_zones) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING`, [
          hub.key,
          hub.name,
          hub.languages,
          hub.timezones,
        ]);
      }
      for (const city of cities) {
        await em.query(
          `INSERT INTO cities (hub_id, name, country, time_zone, locale, population, area_km2)
           VALUES ((SELECT id FROM hubs WHERE key = $1), $2, $3, $4, $5, $6, $7)
           ON CONFLICT ON CONSTRAINT cities_country_name_key DO NOTHING`,
          [city.hub, city.name, city.country, city.timezone, city.locale, city.population ?? null, city.area_km2 ?? null],
        );
      }
      for (const account of accounts) {
        await em.query(
          `INSERT INTO users (email, name, password_hash, locale, time_zone, working_hours)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT ((lower(email))) DO NOTHING`,
          [account.email, account.name, passwordHash, account.locale, account.timeZone, JSON.stringify(DEFAULT_WORKING_HOURS)],
        );
        await em.query(
          `INSERT INTO role_assignments (user_id, role, hub_id, city_id)
           SELECT u.id, $2, (SELECT id FROM hubs WHERE key = $3), (SELECT id FROM cities WHERE name = $4 AND country = $5)
           FROM users u WHERE lower(u.email) = lower($1)
           ON CONFLICT ON CONSTRAINT role_assignments_unique DO NOTHING`,
          [account.email, account.role, account.hubKey ?? null, account.cityName ?? null, account.cityCountry ?? null],
        );
      }
    });
    return accounts;
  }
}
