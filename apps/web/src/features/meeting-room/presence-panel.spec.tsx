import { render, screen, within } from '@testing-library/react';
import { MEXICO_CITY, TOKYO, person } from '../../testing/meeting-room-fixtures';
import { PresencePanel } from './presence-panel';

describe('PresencePanel', () => {
  it('groups who is here under their city, with each role in words and the host named', () => {
    const me = person('Tokyo Official', { city: TOKYO });
    const people = [
      person('Japan Expert', { memberRole: 'expert' }),
      me,
      person('Mexico City Official', { city: MEXICO_CITY }),
      person('Japan Coordinator', { memberRole: 'coordinator', role: 'host' }),
    ];
    render(<PresencePanel people={people} selfId={me.user.id} />);
    expect(screen.getByRole('heading', { name: /Here now/ })).toHaveTextContent('4 people');
    const cities = screen.getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent);
    expect(cities).toEqual(['Mexico City', 'Tokyo', 'Hub and alliance']);
    const tokyo = screen.getByRole('region', { name: 'Tokyo' });
    expect(within(tokyo).getByText('Tokyo Official (you)')).toBeInTheDocument();
    expect(within(tokyo).getByText('City official')).toBeInTheDocument();
    const hub = screen.getByRole('region', { name: 'Hub and alliance' });
    expect(
      within(hub)
        .getAllByTestId('room-person')
        .map((item) => item.textContent),
    ).toEqual(['Japan CoordinatorCoordinatorHost', 'Japan ExpertExpert']);
  });

  it('says so when nobody is here', () => {
    render(<PresencePanel people={[]} selfId={null} />);
    expect(screen.getByText('No one is in the room yet.')).toBeInTheDocument();
  });
});
