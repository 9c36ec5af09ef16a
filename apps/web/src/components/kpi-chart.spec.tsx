import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { stubGlobalApi } from '../testing/fake-api';
import { kpi } from '../testing/plan-fixtures';
import { renderInApp } from '../testing/render';
import { KpiChart } from './kpi-chart';
import { stubResizeObserver } from '../testing/resize-observer';

const MEASUREMENTS = [
  { date: '2023-03-01', value: 2500, source: 'SESNSP', note: null },
  { date: '2018-10-01', value: 6708, source: null, note: 'Baseline month' },
];

/** jsdom's Blob has no text(); FileReader reads it the old way (and, as a UTF-8 decoder, drops the byte order mark). */
function textOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

describe('KpiChart', () => {
  let saved: Blob[];

  beforeEach(() => {
    stubGlobalApi({});
    stubResizeObserver();
    saved = [];
    Object.defineProperty(URL, 'createObjectURL', {
      value: vi.fn((blob: Blob) => {
        saved.push(blob);
        return 'blob:minga/1';
      }),
      configurable: true,
    });
    Object.defineProperty(URL, 'revokeObjectURL', { value: vi.fn(), configurable: true });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('describes the chart in one sentence: the latest value against the target', async () => {
    renderInApp(<KpiChart kpi={kpi()} measurements={MEASUREMENTS} filename="mexico-city-crime" />);

    expect(
      await screen.findByRole('img', {
        name: 'High-impact crime cases per month: latest 2,500 cases on Mar 1, 2023; target 2,000 cases by Dec 31, 2024.',
      }),
    ).toBeInTheDocument();
  });

  it('shows the same data as a table, oldest first between baseline and target, and downloads it as CSV', async () => {
    renderInApp(<KpiChart kpi={kpi()} measurements={MEASUREMENTS} filename="mexico-city-crime" />);

    await userEvent.click(await screen.findByRole('button', { name: 'Table' }));

    const table = screen.getByRole('table', { name: 'Measurements of High-impact crime cases per month' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => row.textContent);
    expect(rows).toEqual([
      'Baseline, Oct 1, 20186,708Baseline',
      'Oct 1, 20186,708Baseline month',
      'Mar 1, 20232,500SESNSP',
      'Target, Dec 31, 20242,000Target',
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'Download Measurements of High-impact crime cases per month as CSV' }));

    const [csv] = saved;
    assert(csv, 'no file was saved');
    expect(await textOf(csv)).toBe('date,value,source,note\r\n2018-10-01,6708,,Baseline month\r\n2023-03-01,2500,SESNSP,\r\n');
    expect(screen.getByRole('status')).toHaveTextContent('Saved mexico-city-crime.csv.');
  });
});
