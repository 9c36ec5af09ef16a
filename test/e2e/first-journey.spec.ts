// The first journey of the foundation: a coordinator invites an expert, who signs up through the link.
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser';
import { baseUrl, E2E_DEMO_PASSWORD } from './support/constants';

describe('inviting an expert to the Japan hub', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('lets the demo coordinator invite an expert, who then signs up through the invitation link', async () => {
    const { context, page } = await newPage(browser);
    const expertEmail = `new.expert.${Date.now()}@example.org`;

    await page.goto(`${baseUrl()}/`);
    await page.getByLabel('Email').fill('coordinator.japan@demo.minga.dev');
    await page.getByLabel('Password').fill(E2E_DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('link', { name: 'Japan', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Japan' }).waitFor();

    const inviteForm = page.locator('form', { has: page.getByRole('button', { name: 'Send invitation' }) });
    await inviteForm.getByLabel('Email').fill(expertEmail);
    await inviteForm.getByLabel('Role').selectOption({ label: 'Expert' });
    await inviteForm.getByRole('button', { name: 'Send invitation' }).click();

    const link = page.getByTestId('invite-link');
    await link.waitFor();
    const inviteUrl = (await link.textContent())?.trim() ?? '';
    expect(inviteUrl).toMatch(new RegExp(`^${baseUrl()}/invitations/[A-Za-z0-9_-]{20,}$`));
    // The new invitation is listed as pending for the hub.
    await page.getByRole('cell', { name: expertEmail }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();

    await page.goto(inviteUrl);
    await page.getByText(expertEmail).first().waitFor();
    await page.getByLabel('Name').fill('Haruka Sato');
    await page.getByLabel('Password').fill('a-strong-expert-password');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByText('Haruka Sato').first().waitFor();
    await page.goto(`${baseUrl()}/profile`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByLabel('Name').inputValue()).toBe('Haruka Sato');
    await context.close();
  });

  it('refuses a second sign-up through the same link', async () => {
    const signIn = await fetch(`${baseUrl()}/api/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'coordinator.japan@demo.minga.dev', password: E2E_DEMO_PASSWORD }),
    });
    const { accessToken, user } = (await signIn.json()) as { accessToken: string; user: { roles: { hubId: string | null }[] } };
    const hubId = user.roles[0].hubId;
    const created = await fetch(`${baseUrl()}/api/invitations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ email: `twice.${Date.now()}@example.org`, role: 'expert', hubId }),
    });
    const { inviteUrl } = (await created.json()) as { inviteUrl: string };
    const token = inviteUrl.split('/').pop() ?? '';
    const signUp = () =>
      fetch(`${baseUrl()}/api/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ invitationToken: token, name: 'Twice', password: 'a-strong-password-2' }),
      });
    expect((await signUp()).status).toBe(201);

    const { context, page } = await newPage(browser);
    await page.goto(inviteUrl);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('button', { name: 'Create account' }).count()).toBe(0);
    await context.close();
  });
});
