import type { Role } from '@minga/contracts';

export const DEMO_EMAIL_DOMAIN = 'demo.minga.dev';

interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  hubKey?: string;
  cityName?: string;
  cityCountry?: string;
  locale: string;
  timeZone: string;
}

export interface SeedHub {
  key: string;
  name: string;
  languages: string[];
  timezones: string[];
}
export interface SeedCity {
  name: string;
  country: string;
  hub: string | null;
  timezone: string;
  locale: string;
  population?: number;
  area_km2?: number;
}

/** One account per role: an admin, a coordinator and an expert per hub, an official per city, an observer. */
export function demoAccounts(hubs: SeedHub[], cities: SeedCity[]): DemoAccount[] {
  const accounts: DemoAccount[] = [
    { email: `admin@${DEMO_EMAIL_DOMAIN}`, name: 'Ada Admin', role: 'admin', locale: 'en', timeZone: 'UTC' },
    { email: `observer@${DEMO_EMAIL_DOMAIN}`, name: 'Olu Observer', role: 'observer', locale: 'en', timeZone: 'Europe/London' },
  ];
  for (const hub of hubs) {
    // Every hub of the seed names at least one of each; the defaults only keep the types honest.
    const locale = hub.languages[0] ?? 'en';
    const timeZone = hub.timezones[0] ?? 'UTC';
    accounts.push(
      {
        email: `coordinator.${hub.key}@${DEMO_EMAIL_DOMAIN}`,
        name: `${hub.name} Coordinator`,
        role: 'coordinator',
        hubKey: hub.key,
        locale,
        timeZone,
      },
      { email: `expert.${hub.key}@${DEMO_EMAIL_DOMAIN}`, name: `${hub.name} Expert`, role: 'expert', hubKey: hub.key, locale, timeZone },
    );
  }
  for (const city of cities) {
    accounts.push({
      email: `official.${slug(city.name)}@${DEMO_EMAIL_DOMAIN}`,
      name: `${city.name} Official`,
      role: 'official',
      cityName: city.name,
      cityCountry: city.country,
      locale: city.locale,
      timeZone: city.timezone,
    });
  }
  return accounts;
}

function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
