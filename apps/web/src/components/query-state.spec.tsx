import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { ApiError } from '../lib/api-client';
import { QueryState } from './query-state';

const notFound = new ApiError({ type: 'https://minga.dev/problems/not_found', title: 'not_found', status: 404, code: 'not_found' });

/** A query whose answers the test gives one by one: each call takes the next (a list, or an error to throw). */
function Cities({
  answers,
  children,
}: {
  answers: (string[] | Error)[];
  children: (query: ReturnType<typeof useQuery<string[]>>) => ReactNode;
}) {
  const query = useQuery({
    queryKey: ['cities'],
    queryFn: () => {
      const next = answers.shift() ?? [];
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    },
  });
  return children(query);
}

function renderCities(answers: (string[] | Error)[], props: { emptyText?: string; retry?: boolean } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <Cities answers={answers}>
        {(query) => (
          <QueryState query={query} {...props}>
            {(cities) => (
              <ul aria-label="Cities">
                {cities.map((city) => (
                  <li key={city}>{city}</li>
                ))}
              </ul>
            )}
          </QueryState>
        )}
      </Cities>
    </QueryClientProvider>,
  );
  return client;
}

describe('QueryState', () => {
  it('says it is loading as a status, then shows the data in its place', async () => {
    renderCities([['Tsukuba', 'Medellin']]);

    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
    const list = await screen.findByRole('list', { name: 'Cities' });
    expect(list).toHaveTextContent('TsukubaMedellin');
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('says what went wrong and tries again from the keyboard', async () => {
    renderCities([notFound, ['Tsukuba']]);

    expect(await screen.findByRole('alert')).toHaveTextContent('We could not find what you were looking for.');
    screen.getByRole('button', { name: 'Try again' }).focus();
    await userEvent.keyboard('{Enter}');

    expect(await screen.findByRole('list', { name: 'Cities' })).toHaveTextContent('Tsukuba');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('offers no second try where one cannot help', async () => {
    renderCities([notFound], { retry: false });

    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });

  it('says the empty-state sentence instead of an empty list', async () => {
    renderCities([[]], { emptyText: 'No cities yet.' });

    expect(await screen.findByText('No cities yet.')).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('keeps the data it has when a later refetch fails, with the error and its retry above', async () => {
    const client = renderCities([['Tsukuba'], notFound]);
    await screen.findByRole('list', { name: 'Cities' });

    await client.refetchQueries({ queryKey: ['cities'] });

    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Cities' })).toHaveTextContent('Tsukuba');
  });

  it('lets the place say what an error means there instead', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <Cities answers={[notFound]}>
          {(query) => (
            <QueryState query={query} renderError={() => <p>No minutes yet.</p>}>
              {() => null}
            </QueryState>
          )}
        </Cities>
      </QueryClientProvider>,
    );

    expect(await screen.findByText('No minutes yet.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
