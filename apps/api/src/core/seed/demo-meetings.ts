import type { SeedCity } from './demo-accounts';

/**
 * Demo cities for the cohort demo (not alliance facts like seed-facts.json): a cohort spanning Tokyo, Mexico City,
 * Delhi and Jakarta needs cities in the India and South-East Asia hubs. Their officials are seeded like any city's.
 */
export const DEMO_MEETING_CITIES: SeedCity[] = [
  { name: 'Delhi', country: 'IN', hub: 'india', timezone: 'Asia/Kolkata', locale: 'en-IN' },
  { name: 'Jakarta', country: 'ID', hub: 'sea', timezone: 'Asia/Jakarta', locale: 'id-ID' },
];

export const DEMO_COHORT = {
  name: 'Open data 2027',
  hubKey: 'latam',
  policyKey: 'open-data',
  startsOn: '2026-12-01',
  endsOn: '2027-12-31',
  cities: [
    { name: 'Mexico City', country: 'MX' },
    { name: 'Tsukuba', country: 'JP' },
    { name: 'Delhi', country: 'IN' },
    { name: 'Jakarta', country: 'ID' },
  ],
  expertHubKeys: ['latam', 'india'],
};

/**
 * The cohort's monthly call, second Wednesday at 19:00 in Mexico City: 10:00 Thursday in Tsukuba, 08:00 in
 * Jakarta, 06:30 in Delhi (the slot finder's best single slot for these four zones keeps nobody past 19:00).
 */
export const DEMO_SERIES = {
  title: 'Open data cohort: monthly call',
  description: 'Each city reports on its open data policy; this month’s draft section is discussed in the live room.',
  timeZone: 'America/Mexico_City',
  localStart: '2026-12-09T19:00',
  durationMinutes: 60,
  rrule: 'FREQ=MONTHLY;BYDAY=2WE;COUNT=12',
  onlineUrl: 'https://meet.jit.si/minga-open-data-2027',
  draftTitle: 'Política de datos abiertos de la Ciudad de México',
};
