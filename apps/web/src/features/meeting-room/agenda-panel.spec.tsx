import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { roomState } from '../../testing/meeting-room-fixtures';
import { AgendaPanel } from './agenda-panel';

const { agenda } = roomState();

describe('AgendaPanel', () => {
  it('marks the current item in words and as the current step, not by colour alone', () => {
    render(<AgendaPanel items={agenda} currentItemId={agenda[1]?.id ?? null} isHost={false} onMakeCurrent={() => undefined} />);
    const current = screen.getByText('Open data clause').closest('li');
    expect(current).toHaveAttribute('aria-current', 'step');
    expect(current).toHaveTextContent('Now');
    expect(current).toHaveTextContent('20 minutes · opens the draft at “Purpose”');
  });

  it('hides “Make current” from participants', () => {
    render(<AgendaPanel items={agenda} currentItemId={null} isHost={false} onMakeCurrent={() => undefined} />);
    expect(screen.queryByRole('button', { name: /Make current/ })).not.toBeInTheDocument();
  });

  it('lets the host make another item current', async () => {
    const onMakeCurrent = vi.fn();
    render(<AgendaPanel items={agenda} currentItemId={agenda[0]?.id ?? null} isHost onMakeCurrent={onMakeCurrent} />);
    expect(screen.queryByRole('button', { name: 'Make current: Welcome' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Make current: Open data clause' }));
    expect(onMakeCurrent).toHaveBeenCalledWith(agenda[1]?.id);
  });
});
