// Cohorts and meetings across time zones, as the "Done when" describes them: the Latin America coordinator
// forms a cohort spanning Tokyo, Mexico City, Delhi and Jakarta, finds a fair slot for it and schedules a monthly
// series; an official in Delhi sees it in her own time, answers, downloads the .ics and subscribes to a feed, both of
// which a real iCalendar parser reads. Every new screen passes the WCAG audit.
import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { launchBrowser, newPage, signIn } from './support/browser';
import { baseUrl, E2E_DEMO_PASSWORD } from './support/constants';

const DELHI_EMAIL = 'official.delhi@demo.minga.dev';
const TOKYO_EMAIL = 'official.tokyo.e2e@example.org';
const COHORT = 'Cybersecurity across oceans';
const MEETING = 'Cohort call: cybersecurity accountability';

async function api<T>(path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

async function tokenOf(email: string, password = E2E_DEMO_PASSWORD): Promise<string> {
  return (await api<{ accessToken: string }>('/api/auth/session', { method: 'POST', body: { email, password } })).accessToken;
}

/**
 * The demo seed has Mexico City, Delhi and Jakarta with an official each; the admin adds Tokyo to the Japan hub, and an
 * official of Tokyo signs up, so that the slot finder weighs all four regions.
 */
async function prepareTokyo(): Promise<void> {
  const admin = await tokenOf('admin@demo.minga.dev');
  const hubs = await api<{ id: string; key: string }[]>('/api/hubs', { token: admin });
  const japan = hubs.find((hub) => hub.key === 'japan')?.id ?? null;
  const tokyo = await api<{ id: string }>('/api/cities', {
    method: 'POST',
    token: admin,
    body: { name: 'Tokyo', country: 'JP', hubId: japan, timeZone: 'Asia/Tokyo', locale: 'ja-JP' },
  });
  const invitation = await api<{ inviteUrl: string }>('/api/invitations', {
    method: 'POST',
    token: admin,
    body: { email: TOKYO_EMAIL, role: 'official', cityId: tokyo.id },
  });
  await api('/api/accounts', {
    method: 'POST',
    body: {
      invitationToken: invitation.inviteUrl.split('/').at(-1),
      name: 'Haruka Tokyo',
      password: 'official-e2e-password',
      locale: 'ja-JP',
      timeZone: 'Asia/Tokyo',
      workingHours: { start: '09:00', end: '17:30', days: [1, 2, 3, 4, 5] },
    },
  });
}

async function audit(page: Page, problems: Record<string, string[]>, screen: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  problems[screen] = await seriousViolations(page);
}

/** Two weeks ahead, as the date field takes it (en-US: month, day, year). */
function dayKeys(daysAhead: number): string {
  const [year, month, day] = new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10).split('-');
  return `${month}${day}${year}`;
}

describe('cohorts and meetings across time zones', () => {
  let browser: Browser;
  beforeAll(async () => {
    await prepareTokyo();
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('lets the Latin America coordinator form a four-city cohort, find a fair slot and schedule a monthly series', async () => {
    const { context, page } = await newPage(browser, 'en-US', { bypassCSP: true });
    const problems: Record<string, string[]> = {};
    await signIn(page, 'coordinator.latam@demo.minga.dev');

    await page.getByRole('link', { name: 'Latin America', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Latin America' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Cohorts and meetings' }).waitFor();
    // The seeded cohort's monthly call is among the hub's upcoming meetings.
    await page.getByRole('link', { name: 'Open data cohort: monthly call' }).first().waitFor();
    await audit(page, problems, 'hub with cohorts');

    await page.getByRole('link', { name: 'Form a new cohort' }).click();
    await page.getByRole('heading', { level: 1, name: 'New cohort in Latin America' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill(COHORT);
    await page.getByLabel('Starts on').fill(new Date().toISOString().slice(0, 10));
    await page.getByLabel('Ends on').fill(new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10));
    for (const city of ['Tokyo', 'Mexico City', 'Delhi', 'Jakarta']) await page.getByRole('checkbox', { name: city, exact: true }).check();
    await audit(page, problems, 'cohort form');
    await page.getByRole('button', { name: 'Form the cohort' }).click();

    await page.getByRole('heading', { level: 1, name: COHORT }).waitFor();
    const cities = page.getByRole('table', { name: `Cities of ${COHORT}, with their draft and action plan` });
    for (const city of ['Tokyo', 'Mexico City', 'Delhi', 'Jakarta'])
      await cities.getByRole('row', { name: new RegExp(`^${city}`) }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'City officials' }).waitFor();
    await expect(page.getByText('Delhi Official').count()).resolves.toBeGreaterThan(0);
    await audit(page, problems, 'cohort');

    // The fair slot finder, by keyboard: range, length and a series of six.
    const finder = page.getByRole('form', { name: 'Find a fair time' });
    await finder.getByLabel('From').focus();
    await page.keyboard.type(dayKeys(1));
    await finder.getByLabel('To').focus();
    await page.keyboard.type(dayKeys(14));
    await finder.getByLabel('Number of meetings (for a series)').fill('6');
    await finder.getByRole('button', { name: 'Find times' }).press('Enter');
    const best = page.getByRole('list').filter({ has: page.getByRole('heading', { level: 4, name: /^Option 1:/ }) });
    await best.waitFor();
    const firstOption = page.getByRole('listitem', { name: /^Option 1:/ });
    // Every option names where each city stands, and who is outside their hours (four zones cannot all be inside).
    await expect(firstOption.textContent()).resolves.toMatch(/Delhi \d/);
    await expect(firstOption.textContent()).resolves.toMatch(/Tokyo \d/);
    await page.getByRole('table', { name: 'Meetings outside working hours, by region' }).waitFor();
    await audit(page, problems, 'slot finder results');

    await page.getByRole('button', { name: 'Schedule a series of 6 from the first' }).click();
    await page.getByRole('heading', { level: 1, name: `Schedule a meeting of ${COHORT}` }).waitFor();
    await expect(page.getByLabel('Organiser’s time zone').inputValue()).resolves.toBe('America/Mexico_City');
    await expect(page.getByLabel('Repeats').inputValue()).resolves.toBe('monthly');
    await expect(page.getByLabel('Number of meetings', { exact: true }).inputValue()).resolves.toBe('6');
    await page.getByLabel('Title', { exact: true }).fill(MEETING);
    await page.getByLabel('Online meeting link').fill('https://meet.example.org/cohort-cyber');
    await page.getByRole('button', { name: 'Add an agenda item' }).click();
    await page.getByLabel('Title of item 1').fill('Round of cities');
    await audit(page, problems, 'schedule form');
    await page.getByRole('button', { name: 'Schedule the meeting' }).click();

    await page.getByRole('heading', { level: 1, name: MEETING }).waitFor();
    await expect(page.getByText(/Every month on the (first|second|third|fourth|last) \w+, 6 meetings/).count()).resolves.toBe(1);
    await page.getByRole('heading', { level: 2, name: 'Dates' }).waitFor();
    await expect(page.getByRole('link', { name: MEETING }).count()).resolves.toBeGreaterThanOrEqual(1);
    await audit(page, problems, 'meeting');

    expect(problems).toEqual({
      'hub with cohorts': [],
      'cohort form': [],
      cohort: [],
      'slot finder results': [],
      'schedule form': [],
      meeting: [],
    });
    await context.close();
  });

  it('shows an official in Delhi the series in her own time, takes her answer, and gives her calendars that parse', async () => {
    const { context, page } = await newPage(browser, 'en-US', { bypassCSP: true, acceptDownloads: true });
    const problems: Record<string, string[]> = {};
    await signIn(page, DELHI_EMAIL);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My meetings' }).click();
    await page.getByRole('heading', { level: 1, name: 'My meetings' }).waitFor();
    await expect(page.getByText(/in your time zone \(Asia\/Kolkata\)/).count()).resolves.toBe(1);
    const item = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: MEETING }) })
      .first();
    await item.waitFor();
    // Organiser's time in Mexico City, then hers.
    await expect(item.textContent()).resolves.toMatch(/Mexico City · .+ your time/);
    await audit(page, problems, 'my meetings');

    await item.getByRole('link', { name: MEETING }).click();
    await page.getByRole('heading', { level: 1, name: MEETING }).waitFor();
    const strip = page.getByRole('list', { name: 'Local time of the meeting in each participating city' });
    for (const city of ['Tokyo', 'Mexico City', 'Delhi', 'Jakarta']) await strip.getByText(city, { exact: true }).waitFor();
    await expect(strip.textContent()).resolves.toMatch(/(Night|Daytime|Evening|Early morning)/);
    await page.getByRole('link', { name: 'Join the live room' }).waitFor();

    await page.getByRole('button', { name: 'Yes' }).click();
    await page.getByText('You are attending.').waitFor();
    await expect(page.getByRole('button', { name: 'Yes' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await audit(page, problems, 'occurrence');

    // In Japanese the same page names the day periods in Japanese, and its language is set for screen readers.
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByRole('heading', { level: 2, name: '各都市の現地時刻' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ja');
    await expect(page.getByRole('list', { name: '参加する各都市での会議の現地時刻' }).textContent()).resolves.toMatch(
      /(夜間|日中|夕方|早朝)/,
    );
    await audit(page, problems, 'occurrence in Japanese');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Local time in each city' }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download for your calendar (.ics)' }).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const ics = new ICAL.Component(ICAL.parse(Buffer.concat(chunks).toString('utf8')));
    const event = ics.getFirstSubcomponent('vevent');
    expect(event?.getFirstPropertyValue('summary')).toBe(MEETING);
    expect(String(event?.getFirstPropertyValue('uid'))).toMatch(/@minga$/);
    expect(String(event?.getFirstPropertyValue('rrule'))).toMatch(/FREQ=MONTHLY/);
    expect(event?.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('America/Mexico_City');

    // A subscription from the profile: the address is shown once, and a calendar app reading it gets the series.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();
    await page.getByRole('button', { name: 'Create a subscription address' }).click();
    const url = (await page.locator('.feed-url').textContent()) ?? '';
    expect(url).toMatch(/\/api\/calendars\/feeds\/.+\.ics$/);
    await page.getByRole('button', { name: /^Revoke All my meetings/ }).waitFor();
    await audit(page, problems, 'calendar subscriptions');
    const feed = await fetch(url.replace(/^https?:\/\/[^/]+/, baseUrl()));
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
    const summaries = calendar.getAllSubcomponents('vevent').map((vevent) => vevent.getFirstPropertyValue('summary'));
    expect(summaries).toContain(MEETING);

    expect(problems).toEqual({ 'my meetings': [], occurrence: [], 'occurrence in Japanese': [], 'calendar subscriptions': [] });
    await context.close();
  });
});
