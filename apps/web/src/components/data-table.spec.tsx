import { render, screen, within } from '@testing-library/react';
import { DataTable, type DataColumn } from './data-table';

interface City {
  id: string;
  name: string;
  population: number;
}

const cities: City[] = [
  { id: 'tsukuba', name: 'Tsukuba', population: 254000 },
  { id: 'medellin', name: 'Medellin', population: 2569000 },
];

const columns: DataColumn<City>[] = [
  { header: 'City', rowHeader: true, cell: (city) => city.name },
  { header: 'Population', className: 'numeric', cell: (city) => city.population },
];

describe('DataTable', () => {
  it('is a table named by its caption, with column headers and a row header naming each row', () => {
    render(<DataTable caption="Cities of the hub" rows={cities} rowKey={(city) => city.id} columns={columns} />);

    const table = screen.getByRole('table', { name: 'Cities of the hub' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['City', 'Population']);
    for (const header of within(table).getAllByRole('columnheader')) expect(header).toHaveAttribute('scope', 'col');
    const medellin = within(table).getByRole('row', { name: /^Medellin/ });
    expect(within(medellin).getByRole('rowheader', { name: 'Medellin' })).toHaveAttribute('scope', 'row');
    expect(within(medellin).getByRole('cell')).toHaveTextContent('2569000');
  });

  it('can be named by a heading outside it', () => {
    render(
      <>
        <h2 id="cities-heading">Member cities</h2>
        <DataTable labelledBy="cities-heading" rows={cities} rowKey={(city) => city.id} columns={columns} />
      </>,
    );

    expect(screen.getByRole('table', { name: 'Member cities' })).toBeInTheDocument();
  });

  it('says its empty-state sentence instead of a table with no rows', () => {
    render(
      <DataTable caption="Cities of the hub" emptyText="No cities yet." rows={[]} rowKey={(city: City) => city.id} columns={columns} />,
    );

    expect(screen.getByText('No cities yet.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('keeps a table without rows when it has no empty-state sentence', () => {
    render(<DataTable caption="Cities of the hub" rows={[]} rowKey={(city: City) => city.id} columns={columns} />);

    expect(within(screen.getByRole('table', { name: 'Cities of the hub' })).getAllByRole('row')).toHaveLength(1);
  });
});
