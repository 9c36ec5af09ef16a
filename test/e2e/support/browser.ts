import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { baseUrl, CHROMIUM_ARGS, CHROMIUM_PATH, E2E_DEMO_PASSWORD } from './constants';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A fresh, isolated browser profile: its own cookies, storage and language. */
export async function newPage(
  browser: Browser,
  locale = 'en-US',
  options: { bypassCSP?: boolean; acceptDownloads?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 860 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/**
 * The page's own title. A draft's text starts with an h1 of the same words, so
 * a bare heading query would match two elements once the editor has synced.
 */
export function pageHeading(page: Page, name: string) {
  return page.getByRole('heading', { level: 1, name, exact: true }).and(page.locator('.page-heading'));
}

/** Signs a demo account in through the sign-in form (of `origin`: another instance) and waits for the first page. */
export async function signIn(page: Page, email: string, password = E2E_DEMO_PASSWORD, origin = baseUrl()): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Japan', exact: true }).waitFor();
}

/** A draft's (or the meeting notes') editable text. */
export function editorOf(page: Page) {
  return page.locator('.ProseMirror');
}

/** As Tsukuba's official would: from the Japan hub to the city, a new draft of the privacy impact assessment. */
export async function startTsukubaDraft(page: Page, title: string): Promise<void> {
  await page.getByRole('link', { name: 'Japan', exact: true }).click();
  // Exactly the city: drafts and meetings named after it are links on the hub page too.
  await page.getByRole('link', { name: 'Tsukuba', exact: true }).first().click();
  await page.getByRole('button', { name: 'New draft' }).click();
  await page.getByLabel('Model policy').selectOption({ label: 'Privacy impact assessment' });
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Create draft' }).click();
  await pageHeading(page, title).waitFor();
  await editorOf(page).getByText('Purpose').first().waitFor();
}
