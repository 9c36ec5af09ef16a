import { render, screen } from '@testing-library/react';
import { ApiError } from '../lib/api-client';
import { ProblemAlert } from './problem-alert';

const apiError = (code: string, detail: string, params?: Record<string, string | number>) =>
  new ApiError({ type: `https://minga.dev/problems/${code}`, title: code, status: 409, code, detail, params });

describe('ProblemAlert', () => {
  it('says what went wrong in the viewer’s words, filled with the error’s parameters', () => {
    render(<ProblemAlert error={apiError('kpi_limit_reached', 'A plan holds at most 50 KPIs', { max: 50 })} />);
    expect(screen.getByRole('alert')).toHaveTextContent(/^A plan can hold at most 50 KPIs\.$/);
  });

  it('adds the API’s detail only when it says more than the code’s own message', () => {
    render(<ProblemAlert error={apiError('meeting_cancelled', 'The meeting is cancelled; restore it (status: scheduled) to change it')} />);
    expect(screen.getByRole('alert')).toHaveTextContent('This meeting was cancelled.The meeting is cancelled; restore it');
  });

  it('falls back to a general message for a code it does not know', () => {
    render(<ProblemAlert error={apiError('something_new', 'A newer server said so')} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong. Please try again.A newer server said so');
  });
});
