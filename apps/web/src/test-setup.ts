// Every test runs with jest-dom matchers, English texts, a clean DOM and real (unstubbed) globals.
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import i18n from './i18n/i18n';

beforeEach(async () => {
  localStorage.clear();
  await i18n.changeLanguage('en');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
