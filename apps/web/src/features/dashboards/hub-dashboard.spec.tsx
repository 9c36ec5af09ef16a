import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { hubDashboard } from '../../testing/plan-fixtures';
import { renderInApp } from '../../testing/render';
import { stubGlobalApi } from '../../testing/fake-api';
import { AdoptionMatrix } from './adoption-matrix';
import { CityStanding } from './city-standing';
import { KpiComparison } from './kpi-comparison';
import { stubResizeObserver } from '../../testing/resize-observer';

describe('hub dashboard', () => {
  beforeEach(() => {
    stubGlobalApi({});
    stubResizeObserver();
  });

  it('names each cell of the adoption matrix by its stage in words, links it to the plan and says where there is no plan', async () => {
    renderInApp(<AdoptionMatrix dashboard={hubDashboard()} caption="Adoption in Latin America" filename="latam-adoption" />);

    const table = await screen.findByRole('table', {
      name: 'Adoption in Latin America',
    });
    const mexico = within(table).getByRole('row', { name: /Mexico City/ });
    const cells = within(mexico).getAllByRole('cell');
    const [plan] = cells;
    assert(plan, 'the row has cells');
    expect(cells[0]).toHaveTextContent('Implementing');
    expect(
      within(plan).getByRole('link', {
        name: 'Mexico City, Open data: Implementing',
      }),
    ).toHaveAttribute('href', expect.stringMatching(/^\/action-plans\//));
    expect(cells[1]).toHaveTextContent('No plan');

    const medellin = within(table).getByRole('row', { name: /Medellín/ });
    expect(within(medellin).getAllByRole('cell')[1]).toHaveTextContent('Legal review');
    expect(within(medellin).getAllByRole('cell')[1]).toHaveTextContent('1 milestone overdue');
  });

  it('lists the cities behind first, with why: the overdue milestone and the off-track KPI', async () => {
    renderInApp(<CityStanding cities={hubDashboard().cities} caption="Standing" filename="latam-standing" />);

    const rows = within(await screen.findByRole('table', { name: 'Standing' }))
      .getAllByRole('row')
      .slice(1);
    const [behind] = rows;
    assert(behind, 'the table has a city row');
    expect(rows[0]).toHaveTextContent('Medellín');
    expect(rows[0]).toHaveTextContent('Behind');
    expect(
      within(behind).getByRole('link', {
        name: /Milestone overdue since Nov 30, 2025: Legal team review/,
      }),
    ).toBeInTheDocument();
    expect(
      within(behind).getByRole('link', {
        name: 'KPI off track at 20% of target: Assessments published',
      }),
    ).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('Mexico City');
    expect(rows[1]).toHaveTextContent('On track');
    expect(rows[1]).toHaveTextContent('Nothing overdue or off track');
  });

  it('offers the KPI comparison chart as a table with each city’s share of target and KPI counts', async () => {
    renderInApp(<KpiComparison cities={hubDashboard().cities} caption="KPI progress" filename="latam-kpis" />);

    const figure = await screen.findByRole('figure', { name: 'KPI progress' });
    expect(
      within(figure).getByRole('img', {
        name: 'Share of target reached: Mexico City 89%, Medellín 20%.',
      }),
    ).toBeInTheDocument();
    expect(within(figure).queryByRole('table')).not.toBeInTheDocument();

    await userEvent.click(within(figure).getByRole('button', { name: 'Table' }));

    expect(within(figure).getByRole('button', { name: 'Table' })).toHaveAttribute('aria-pressed', 'true');
    const table = within(figure).getByRole('table', { name: 'KPI progress' });
    const medellin = within(table).getByRole('row', { name: /Medellín/ });
    expect(medellin).toHaveTextContent('20%');
    expect(
      within(medellin)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['20%', '0', '0', '1', '0']);
    expect(
      within(figure).getByRole('button', {
        name: 'Download KPI progress as CSV',
      }),
    ).toBeInTheDocument();
  });
});
