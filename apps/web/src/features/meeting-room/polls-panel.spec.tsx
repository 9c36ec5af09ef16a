import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { poll } from '../../testing/meeting-room-fixtures';
import { PollsPanel } from './polls-panel';

const noop = () => undefined;

describe('PollsPanel', () => {
  it('shows results in words, each option’s votes and share with the leader named, once the viewer voted', () => {
    const open = poll();
    const [, no] = open.options;
    assert(no, 'the poll has a second option');
    render(<PollsPanel polls={[{ ...open, myOptionIds: [no.id] }]} isHost={false} onCreate={noop} onVote={noop} onClose={noop} />);
    const results = screen.getAllByTestId('room-result').map((row) => row.textContent);
    expect(results).toEqual(['Yesleading3 votes, 60%', 'Noyour choice1 vote, 20%', 'Later1 vote, 20%']);
    expect(screen.getByText(/5 voters/)).toHaveTextContent('Open · One answer · 5 voters');
  });

  it('lets a participant vote on a single-choice poll by radio buttons and sends the chosen option', async () => {
    const open = poll();
    const onVote = vi.fn();
    render(<PollsPanel polls={[open]} isHost={false} onCreate={noop} onVote={onVote} onClose={noop} />);
    const card = screen.getByRole('article', { name: 'Adopt the open data clause?' });
    await userEvent.click(within(card).getByRole('button', { name: 'Vote' }));
    expect(within(card).getByText('Choose an answer first.')).toBeInTheDocument();
    expect(onVote).not.toHaveBeenCalled();
    await userEvent.click(within(card).getByRole('radio', { name: 'Later' }));
    await userEvent.click(within(card).getByRole('button', { name: 'Vote' }));
    expect(onVote).toHaveBeenCalledWith(open.id, [open.options[2]?.id]);
  });

  it('offers several answers on a multiple-choice poll as checkboxes', async () => {
    const open = poll({ kind: 'multiple' });
    const onVote = vi.fn();
    render(<PollsPanel polls={[open]} isHost={false} onCreate={noop} onVote={onVote} onClose={noop} />);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Yes' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Later' }));
    await userEvent.click(screen.getByRole('button', { name: 'Vote' }));
    expect(onVote).toHaveBeenCalledWith(open.id, [open.options[0]?.id, open.options[2]?.id]);
  });

  it('hides starting and closing polls from participants', () => {
    render(<PollsPanel polls={[poll()]} isHost={false} onCreate={noop} onVote={noop} onClose={noop} />);
    expect(screen.queryByRole('button', { name: 'New poll' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Close poll' })).not.toBeInTheDocument();
  });

  it('lets the host start a poll, checking the question and options first, and close it', async () => {
    const onCreate = vi.fn();
    const onClose = vi.fn();
    const open = poll();
    render(<PollsPanel polls={[open]} isHost onCreate={onCreate} onVote={noop} onClose={onClose} />);
    await userEvent.click(screen.getByRole('button', { name: 'New poll' }));
    await userEvent.click(screen.getByRole('button', { name: 'Start poll' }));
    expect(screen.getByText('Write the question.')).toBeInTheDocument();
    expect(screen.getByText('Give at least two different options.')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Question'), 'Which pilot first?');
    await userEvent.click(screen.getByRole('radio', { name: 'Several answers' }));
    await userEvent.type(screen.getByLabelText('Option 1'), 'Parking');
    await userEvent.type(screen.getByLabelText('Option 2'), 'Transit');
    await userEvent.click(screen.getByRole('button', { name: 'Add an option' }));
    await userEvent.type(screen.getByLabelText('Option 3'), 'Budget');
    await userEvent.click(screen.getByRole('button', { name: 'Start poll' }));
    expect(onCreate).toHaveBeenCalledWith({ question: 'Which pilot first?', kind: 'multiple', options: ['Parking', 'Transit', 'Budget'] });
    await userEvent.click(screen.getByRole('button', { name: 'Close poll' }));
    expect(onClose).toHaveBeenCalledWith(open.id);
  });

  it('shows a closed poll’s final results to everyone, without a vote form', () => {
    render(<PollsPanel polls={[poll({ status: 'closed' })]} isHost onCreate={noop} onVote={noop} onClose={noop} />);
    expect(screen.getByText('Closed')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Vote' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Close poll' })).not.toBeInTheDocument();
    expect(screen.getAllByTestId('room-result')).toHaveLength(3);
  });
});
