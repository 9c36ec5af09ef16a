import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../lib/api-client';

const MAX_RETRIES = 2;

/** Retries only what may pass on a second try: network failures and server errors, not a 4xx answer. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) => {
          const permanent = error instanceof ApiError && error.status >= 400 && error.status < 500;
          return !permanent && failureCount < MAX_RETRIES;
        },
      },
    },
  });
}
