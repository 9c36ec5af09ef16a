import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import { errorCodesWithStatus } from '@minga/contracts';

const SUMMARIES: Record<number, string> = {
  400: 'Invalid input (problem details with field errors)',
  401: 'Not signed in',
  403: 'Not allowed for this user',
  404: 'Not found',
  409: 'Conflicts with the current state',
  410: 'Gone',
  413: 'Too large',
  423: 'Account locked',
  429: 'Rate limited',
  503: 'Unavailable; retry later',
};

/** What a status means, with the catalogue's codes that may come with it (libs/contracts/src/errors.ts). */
function describe(status: number): string {
  const codes = errorCodesWithStatus(status).map((code) => `\`${code}\``);
  return `${SUMMARIES[status] ?? `HTTP ${status}`}. Codes: ${codes.join(', ')}`;
}

/** Documents the problem-details answers of a route, and bearer auth unless the route is public. */
export function ApiProblems(statuses: number[], options: { public?: boolean } = {}) {
  const decorators = statuses.map((status) =>
    ApiResponse({
      status,
      description: describe(status),
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
    }),
  );
  return applyDecorators(...decorators, ...(options.public ? [] : [ApiBearerAuth()]));
}
