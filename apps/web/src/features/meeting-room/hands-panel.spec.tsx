import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { hand, person } from '../../testing/meeting-room-fixtures';
import { HandsPanel } from './hands-panel';

const me = person('Mina Official');
const first = person('Tokyo Official');
const second = person('Mexico City Official');
const queue = [hand(first, '2026-11-24T01:05:00Z'), hand(me, '2026-11-24T01:06:00Z'), hand(second, '2026-11-24T01:07:00Z')];

function renderPanel(isHost: boolean, hands = queue) {
  const handlers = { onRaise: vi.fn(), onLower: vi.fn(), onCallNext: vi.fn() };
  render(<HandsPanel hands={hands} selfId={me.user.id} isHost={isHost} {...handlers} />);
  return handlers;
}

describe('HandsPanel', () => {
  it('shows the queue in the order hands went up, and the viewer’s own place', () => {
    renderPanel(false);
    const list = screen.getByRole('list', { name: 'Raised hands, first raised first' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['1. Tokyo Official', '2. Mina Official (you)', '3. Mexico City Official']);
    expect(screen.getByText('Your hand is up: number 2 in the queue.')).toBeInTheDocument();
  });

  it('lets a participant lower only their own hand: no calling next, no lowering others', async () => {
    const handlers = renderPanel(false);
    expect(screen.queryByRole('button', { name: 'Call next' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Lower .*’s hand$/ })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Lower my hand' }));
    expect(handlers.onLower).toHaveBeenCalledWith(me.user.id);
  });

  it('lets the host call the next person and lower anyone’s hand', async () => {
    const handlers = renderPanel(true);
    await userEvent.click(screen.getByRole('button', { name: 'Call next' }));
    expect(handlers.onCallNext).toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Lower Mexico City Official’s hand' }));
    expect(handlers.onLower).toHaveBeenCalledWith(second.user.id);
  });

  it('offers to raise a hand when the viewer’s is down', async () => {
    const handlers = renderPanel(false, []);
    expect(screen.getByText('No hands raised.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Raise hand' }));
    expect(handlers.onRaise).toHaveBeenCalled();
  });
});
