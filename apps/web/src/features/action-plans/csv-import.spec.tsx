import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, problem, stubGlobalApi, type RecordedCall } from '../../testing/fake-api';
import { session, user } from '../../testing/fixtures';
import { actionPlan, officialOfMexicoCity, PLAN_ID } from '../../testing/plan-fixtures';
import { renderInApp } from '../../testing/render';
import { CsvImport } from './csv-import';

const IMPORT = `/api/action-plans/${PLAN_ID}/milestones/import`;
const asOfficial = () => json(200, session(user({ roles: [officialOfMexicoCity] })));
const CSV = 'title,due_date,status\nStatement of intent,2026-03-01,planned\nComparative analysis,2026-13-01,someday\n';

describe('CsvImport', () => {
  it('checks the file first and reports each invalid row by its line, with nothing applied', async () => {
    stubGlobalApi({
      'POST /api/auth/session/refresh': asOfficial,
      [`POST ${IMPORT}`]: () =>
        json(200, {
          applied: false,
          dryRun: true,
          rowCount: 2,
          validCount: 1,
          rows: [
            { row: 2, ok: true, errors: [] },
            {
              row: 3,
              ok: false,
              errors: [
                { field: 'due_date', message: 'Not a date (YYYY-MM-DD)' },
                { field: 'status', message: 'One of planned, in_progress, done, blocked' },
              ],
            },
          ],
        }),
    });
    renderInApp(<CsvImport plan={actionPlan()} />);

    await userEvent.click(await screen.findByLabelText('Or paste the CSV'));
    await userEvent.paste(CSV);
    await userEvent.click(screen.getByRole('button', { name: 'Check' }));

    expect(await screen.findByRole('status')).toHaveTextContent('1 row of 2 has problems. Nothing was saved.');
    const report = screen.getByRole('table', { name: 'Validation report, row by row' });
    const line3 = within(report).getByRole('row', { name: /^3 / });
    expect(line3).toHaveTextContent('Invalid');
    expect(line3).toHaveTextContent('due_date: Not a date (YYYY-MM-DD)');
    expect(line3).toHaveTextContent('status: One of planned, in_progress, done, blocked');
    expect(within(report).getByRole('row', { name: /^2 / })).toHaveTextContent('Valid');
    expect(screen.getByRole('button', { name: 'Apply all rows' })).toBeDisabled();
  });

  it('applies a file only after a clean check, sending the same text without dry run', async () => {
    const calls: RecordedCall[] = [];
    stubGlobalApi({
      'POST /api/auth/session/refresh': asOfficial,
      [`POST ${IMPORT}`]: (call) => {
        calls.push(call);
        const dryRun = call.search.get('dryRun') === 'true';
        return json(200, {
          applied: !dryRun,
          dryRun,
          rowCount: 1,
          validCount: 1,
          rows: [{ row: 2, ok: true, errors: [] }],
        });
      },
    });
    renderInApp(<CsvImport plan={actionPlan()} />);

    await userEvent.click(await screen.findByLabelText('Or paste the CSV'));
    await userEvent.paste('title,due_date\nStatement of intent,2026-03-01\n');
    expect(screen.getByRole('button', { name: 'Apply all rows' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(await screen.findByText('The row is valid. Nothing was saved yet.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Apply all rows' }));

    expect(await screen.findByText('1 row was imported.')).toBeInTheDocument();
    expect(calls.map((call) => call.search.get('dryRun'))).toEqual(['true', 'false']);
    expect(calls[1]?.body).toEqual({ csv: 'title,due_date\nStatement of intent,2026-03-01\n' });
  });

  it('turns a rejected import (400 with rows.<line>.<column> errors) into the same row-by-row report', async () => {
    stubGlobalApi({
      'POST /api/auth/session/refresh': asOfficial,
      [`POST ${IMPORT}`]: () =>
        problem(400, 'validation_failed', { errors: [{ path: 'rows.4.evidence_links', message: 'Must be an https:// URL' }] }),
    });
    renderInApp(<CsvImport plan={actionPlan()} />);

    await userEvent.click(await screen.findByLabelText('Or paste the CSV'));
    await userEvent.paste(CSV);
    await userEvent.click(screen.getByRole('button', { name: 'Check' }));

    const report = await screen.findByRole('table', { name: 'Validation report, row by row' });
    expect(within(report).getByRole('row', { name: /^4 / })).toHaveTextContent('evidence_links: Must be an https:// URL');
  });
});
