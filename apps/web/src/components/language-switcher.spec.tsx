import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { stubGlobalApi, problem } from '../testing/fake-api';
import { renderInApp } from '../testing/render';
import { SiteLayout } from './site-layout';

function renderLayout() {
  stubGlobalApi({ 'POST /api/auth/session/refresh': () => problem(401, 'invalid_refresh_token') });
  return renderInApp(
    <SiteLayout homePath="/">
      <p>content</p>
    </SiteLayout>,
  );
}

describe('LanguageSwitcher', () => {
  it('switches the visible texts and the document language to Japanese', async () => {
    renderLayout();
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: '日本語' }));

    expect(await screen.findByRole('link', { name: 'メインコンテンツへ移動' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: '言語' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('ja');
    expect(screen.getByRole('button', { name: '日本語' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'false');
  });

  it('remembers the choice for the next visit', async () => {
    renderLayout();

    await userEvent.click(screen.getByRole('button', { name: 'Español' }));

    expect(await screen.findByRole('link', { name: 'Saltar al contenido principal' })).toBeInTheDocument();
    expect(localStorage.getItem('minga.language')).toBe('es');
  });

  it('can be used with the keyboard alone', async () => {
    renderLayout();
    const user = userEvent.setup();

    await user.tab();
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toHaveFocus();
    await user.tab();
    await user.tab();
    await user.tab();
    expect(screen.getByRole('button', { name: '日本語' })).toHaveFocus();
    await user.keyboard('{Enter}');

    expect(await screen.findByRole('link', { name: 'メインコンテンツへ移動' })).toBeInTheDocument();
  });
});
