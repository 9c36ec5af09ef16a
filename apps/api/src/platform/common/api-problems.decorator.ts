import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (problem details with field errors)',
  401: 'Not signed in',
  403: 'Not allowed for this user',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone',
  423: 'Account locked',
  429: 'Rate limited',
};

/** Documents the problem-details answers of a route, and bearer auth unless the route is public. */
export function ApiProblems(statuses: number[], options: { public?: boolean } = {}) {
  const decorators = statuses.map((status) =>
    ApiResponse({
      status,
      description: DESCRIPTIONS[status],
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
    }),
  );
  return applyDecorators(...decorators, ...(options.public ? [] : [ApiBearerAuth()]));
}
