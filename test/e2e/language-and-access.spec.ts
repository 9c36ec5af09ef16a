// A newcomer switches the interface language, works by keyboard, and every screen passes an automated WCAG check.
import type { Browser, Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { launchBrowser, newPage, signIn } from './support/browser';
import { baseUrl, E2E_DEMO_PASSWORD } from './support/constants';

describe('languages, keyboard and accessibility', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('switches the whole interface to Japanese and to Spanish, and sets the page language', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, 'expert.latam@demo.minga.dev');
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByRole('button', { name: 'サインアウト' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');

    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('button', { name: 'Cerrar sesión' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await context.close();
  });

  it('signs in by keyboard alone and reaches the main content through the skip link', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${baseUrl()}/`);
    await page.getByLabel('Email').focus();
    await page.keyboard.type('observer@demo.minga.dev');
    await page.keyboard.press('Tab');
    await page.keyboard.type(E2E_DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Japan', exact: true }).waitFor();

    // On a freshly opened page the skip link is the first stop of the Tab key.
    await page.goto(`${baseUrl()}/hubs`);
    await page.getByRole('link', { name: 'Japan', exact: true }).waitFor();
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(first).toMatch(/skip/i);
    await page.keyboard.press('Enter');
    const focusedInMain = await page.evaluate(
      () => Boolean(document.activeElement?.closest('main')) || document.activeElement?.tagName === 'MAIN',
    );
    expect(focusedInMain).toBe(true);
    await context.close();
  });

  it('has no serious WCAG violations on the sign-in, hubs, hub, city, people and profile screens', async () => {
    // The app's CSP forbids inline scripts; only this audit context may inject axe.
    const { context, page } = await newPage(browser, 'en-US', { bypassCSP: true });
    const problems: Record<string, string[]> = {};
    await page.goto(`${baseUrl()}/`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    problems['sign-in'] = await seriousViolations(page);

    await signIn(page, 'coordinator.japan@demo.minga.dev');
    problems['hubs'] = await seriousViolations(page);

    await page.getByRole('link', { name: 'Japan', exact: true }).click();
    await page.getByRole('link', { name: 'Tsukuba', exact: true }).first().waitFor();
    problems['hub'] = await seriousViolations(page);

    await page.getByRole('link', { name: 'Tsukuba', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Tsukuba' }).waitFor();
    problems['city'] = await seriousViolations(page);

    for (const [name, path] of [
      ['people', '/people'],
      ['profile', '/profile'],
      ['drafts', '/drafts'],
    ] as const) {
      await page.goto(`${baseUrl()}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      problems[name] = await seriousViolations(page);
    }
    expect(problems).toEqual({ 'sign-in': [], hubs: [], hub: [], city: [], people: [], profile: [], drafts: [] });
    await context.close();
  });
});
