// Action plans, KPIs, hub dashboards and open data, as the "Done when" describes them: a coordinator sees who
// is behind and why, an official records a measurement (by keyboard) and the dashboard reflects it, and a resident,
// signed out, reads Mexico City's published plan and downloads it as CSV. Every new screen passes the WCAG audit.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { launchBrowser, newPage, signIn } from './support/browser';
import { baseUrl } from './support/constants';

const SECURITY_KPI = 'City systems with a named security owner';

async function openLatinAmericaDashboard(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Latin America', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Latin America' }).waitFor();
  await page.getByRole('link', { name: 'Dashboard of Latin America' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dashboard of Latin America' }).waitFor();
  await page.getByRole('table', { name: 'Cities of Latin America, those behind first' }).waitFor();
}

function standingRow(page: Page, city: string) {
  return page
    .getByRole('table', { name: 'Cities of Latin America, those behind first' })
    .getByRole('row', { name: new RegExp(`^${city}`) });
}

/** Presses Tab until the field with this name has focus, as a keyboard user does (a date field holds several stops). */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let presses = 0; presses < 5; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLInputElement | null;
      return element?.labels?.[0]?.textContent ?? '';
    });
    if (focused === name) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

/** The day before today (UTC) as the keys a person types into Chromium's en-US date field: month, day, year. */
function yesterdayKeys(): { iso: string; keys: string } {
  const day = new Date(Date.now() - 86_400_000);
  const iso = day.toISOString().slice(0, 10);
  const [year, month, date] = iso.split('-');
  return { iso, keys: `${month}${date}${year}` };
}

describe('action plans, dashboards and open data', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('shows a coordinator which cities of the Latin America hub are behind, and why', async () => {
    const { context, page } = await newPage(browser, 'en-US', { bypassCSP: true });
    const problems: Record<string, string[]> = {};
    await signIn(page, 'coordinator.latam@demo.minga.dev');
    await openLatinAmericaDashboard(page);

    const medellin = standingRow(page, 'Medellin');
    await expect(medellin.textContent()).resolves.toContain('Behind');
    await expect(medellin.textContent()).resolves.toMatch(/Milestone overdue since .+: Comparative analysis against the model policy/);
    await expect(medellin.textContent()).resolves.toMatch(/KPI off track at \d+\s?% of target: Open datasets on the portal/);
    const mexico = standingRow(page, 'Mexico City');
    await expect(mexico.textContent()).resolves.toContain('Behind');
    await expect(mexico.textContent()).resolves.toContain(SECURITY_KPI);

    // The adoption matrix names each stage in words.
    const matrix = page.getByRole('table', { name: 'Adoption stage of each model policy in the cities of Latin America' });
    await expect(matrix.getByRole('row', { name: /^Mexico City/ }).textContent()).resolves.toContain('Implementing');
    await page.waitForLoadState('networkidle');
    problems['dashboard'] = await seriousViolations(page);

    // The chart's table view, for those who do not read charts.
    await page.getByRole('figure').getByRole('button', { name: 'Table' }).click();
    await page.getByRole('table', { name: 'Mean share of KPI targets reached in the cities of Latin America' }).waitFor();
    problems['dashboard table view'] = await seriousViolations(page);

    await page.getByRole('link', { name: 'Dashboards', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboards' }).waitFor();
    problems['dashboards'] = await seriousViolations(page);

    expect(problems).toEqual({ dashboard: [], 'dashboard table view': [], dashboards: [] });
    await context.close();
  });

  it('lets an official record a KPI measurement by keyboard, and the hub dashboard reflects it', async () => {
    const { context, page } = await newPage(browser, 'en-US', { bypassCSP: true });
    const problems: Record<string, string[]> = {};
    await signIn(page, 'official.mexico-city@demo.minga.dev');
    await page.getByRole('link', { name: 'Latin America', exact: true }).click();
    await page.getByRole('link', { name: 'Mexico City' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Mexico City' }).waitFor();
    await page.getByRole('table', { name: 'Action plans of Mexico City' }).waitFor();
    problems['city'] = await seriousViolations(page);

    await page.getByRole('link', { name: 'Cybersecurity accountability' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cybersecurity accountability action plan of Mexico City' }).waitFor();
    const kpis = page.getByRole('table', { name: /^KPIs of Cybersecurity accountability/ });
    await expect(kpis.getByRole('row', { name: new RegExp(SECURITY_KPI) }).textContent()).resolves.toContain('Off track');
    await page.waitForLoadState('networkidle');
    problems['plan'] = await seriousViolations(page);

    // Keyboard only: the button opens the form and puts focus in its first field; Tab moves on; Enter saves.
    await page.getByRole('button', { name: `Record a measurement of ${SECURITY_KPI}` }).focus();
    await page.keyboard.press('Enter');
    const date = page.getByLabel('Date', { exact: true });
    await expect(date.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    const yesterday = yesterdayKeys();
    await page.keyboard.type(yesterday.keys);
    await expect(date.inputValue()).resolves.toBe(yesterday.iso);
    await tabTo(page, 'Value (%)');
    await page.keyboard.type('90');
    await tabTo(page, 'Source');
    await page.keyboard.type('City security register');
    problems['measurement form'] = await seriousViolations(page);
    await page.keyboard.press('Enter');

    await page.getByRole('button', { name: `Record a measurement of ${SECURITY_KPI}` }).waitFor();
    await kpis.getByRole('row', { name: new RegExp(`${SECURITY_KPI}.*On track`) }).waitFor();
    // The change is in the plan's history, under the official's name.
    await page
      .getByRole('table', { name: /^Changes to the Cybersecurity accountability/ })
      .getByText('Created a measurement')
      .first()
      .waitFor();

    await page.goto(`${baseUrl()}/hubs`);
    await openLatinAmericaDashboard(page);
    const mexico = standingRow(page, 'Mexico City');
    await expect(mexico.textContent()).resolves.not.toContain(SECURITY_KPI);
    await expect(mexico.textContent()).resolves.toContain('On track');
    await expect(standingRow(page, 'Medellin').textContent()).resolves.toContain('Behind');

    expect(problems).toEqual({ city: [], plan: [], 'measurement form': [] });
    await context.close();
  });

  it('lets a resident, signed out, read Mexico City’s published plan and download it as CSV', async () => {
    // The official shares the public page's address; the resident opens it in a browser that never signed in.
    const official = await newPage(browser);
    await signIn(official.page, 'official.mexico-city@demo.minga.dev');
    await official.page.getByRole('link', { name: 'Latin America', exact: true }).click();
    await official.page.getByRole('link', { name: 'Mexico City' }).first().click();
    const publicLink = official.page.getByRole('link', { name: 'Published plans of Mexico City (open data)' });
    const publicPath = (await publicLink.getAttribute('href')) ?? '';
    expect(publicPath).toMatch(/^\/open-data\/cities\/[0-9a-f-]{36}$/);
    await official.context.close();

    const { context, page } = await newPage(browser, 'en-US', { bypassCSP: true, acceptDownloads: true });
    const problems: Record<string, string[]> = {};
    await page.goto(`${baseUrl()}${publicPath}`);
    await page.getByRole('heading', { level: 1, name: 'Mexico City: published action plans' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Open data' }).waitFor();
    await page.getByText('Let residents, NGOs and companies use data on crime, accidents and mobility', { exact: false }).waitFor();
    await page.getByRole('table', { name: 'Milestones of the Open data plan of Mexico City' }).waitFor();
    await page.getByRole('heading', { name: 'High-impact crime cases per month' }).waitFor();
    // The unpublished plan of the same city is not shown.
    expect(await page.getByRole('heading', { name: 'Cybersecurity accountability' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    await page.waitForLoadState('networkidle');
    problems['open city'] = await seriousViolations(page);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download CSV: Action plans of Mexico City' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync((await file.path()) ?? '', 'utf8');
    const [header, ...rows] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(header.split(',')).toEqual(expect.arrayContaining(['id', 'cityName', 'modelPolicyKey', 'stage', 'progress']));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Mexico City');
    expect(rows[0]).toContain('open-data');
    expect(csv).not.toContain('cyber-accountability');

    // The hub's public page lists the published plans of its cities, and links back to the city's.
    await page.getByRole('link', { name: 'Download JSON: Action plans of Mexico City' }).waitFor();
    const hubId = JSON.parse(await (await fetch(`${baseUrl()}/api/open-data${publicPath.replace('/open-data', '')}`)).text()).city
      .hubId as string;
    await page.goto(`${baseUrl()}/open-data/hubs/${hubId}`);
    await page.getByRole('heading', { level: 1, name: 'Latin America: published action plans' }).waitFor();
    await page
      .getByRole('table', { name: 'Published plans of the cities of Latin America' })
      .getByRole('link', { name: 'Mexico City' })
      .waitFor();
    problems['open hub'] = await seriousViolations(page);

    expect(problems).toEqual({ 'open city': [], 'open hub': [] });
    await context.close();
  });
});
