// Renders a piece of the app with its real providers: query cache, session (restored through the fake API) and router.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { apiClient } from '../lib/api-client';
import { SessionProvider } from '../lib/session';
import { setSessionHint } from '../lib/session-hint';

function providers(children: ReactElement) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  // Every test starts signed out in a browser that signed in before; the fake API's refresh answer decides who is signed in.
  apiClient.endSession();
  setSessionHint(true);
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>{children}</SessionProvider>
    </QueryClientProvider>
  );
}

export function renderRoutes(routes: RouteObject[], initialPath: string) {
  const router = createMemoryRouter(routes, { initialEntries: [initialPath] });
  return { router, ...render(providers(<RouterProvider router={router} />)) };
}

export function renderInApp(ui: ReactElement, path = '/') {
  return renderRoutes([{ path: '*', element: ui }], path);
}
