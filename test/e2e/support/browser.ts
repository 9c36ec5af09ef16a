import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './constants';

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
