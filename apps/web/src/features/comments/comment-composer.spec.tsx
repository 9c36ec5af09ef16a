import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Mentionable } from '@minga/contracts';
import { json, stubGlobalApi } from '../../testing/fake-api';
import { draft, expertOfJapan, session, user } from '../../testing/fixtures';
import { renderInApp } from '../../testing/render';
import { CommentComposer } from './comment-composer';

const DRAFT = draft();
const aiko: Mentionable = { id: '33333333-3333-4333-8333-333333333333', name: 'Aiko Tanaka', access: 'edit' };
const ana: Mentionable = { id: '44444444-4444-4444-8444-444444444444', name: 'Ana María Ruiz', access: 'comment' };

function renderComposer() {
  const onSubmit = vi.fn(async () => undefined);
  const api = stubGlobalApi({
    'POST /api/auth/session/refresh': () => json(200, session(user({ roles: [expertOfJapan] }))),
    [`GET /api/drafts/${DRAFT.id}/mentionable`]: (call) => {
      // As the API does (the contract trims the query).
      const q = (call.search.get('q') ?? '').trim().toLowerCase();
      return json(
        200,
        [aiko, ana].filter((person) => person.name.toLowerCase().includes(q)),
      );
    },
  });
  renderInApp(<CommentComposer draftId={DRAFT.id} label="Your comment" submitLabel="Post comment" onSubmit={onSubmit} />);
  return { api, onSubmit };
}

describe('Comment composer', () => {
  it('suggests people after @, moves with the arrow keys, chooses with Enter, and sends the mention in the API’s form', async () => {
    const { onSubmit } = renderComposer();
    const text = await screen.findByRole('textbox', { name: 'Your comment' });

    await userEvent.type(text, 'Please check, @a');
    const list = await screen.findByRole('listbox', { name: 'People to mention' });
    expect(text).toHaveAttribute('aria-controls', list.id);
    const options = screen.getAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual(['Aiko TanakaCan edit', 'Ana María RuizCan comment']);
    expect(text).toHaveAttribute('aria-activedescendant', options[0]?.id);
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('status')).toHaveTextContent('2 people found');

    await userEvent.keyboard('{ArrowDown}');
    expect(text).toHaveAttribute('aria-activedescendant', options[1]?.id);
    expect(options[1]).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{ArrowDown}');
    expect(text).toHaveAttribute('aria-activedescendant', options[0]?.id);
    await userEvent.keyboard('{ArrowUp}{Enter}');

    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(text).not.toHaveAttribute('aria-activedescendant');
    expect(text).toHaveValue('Please check, @Ana María Ruiz ');
    expect(text).toHaveFocus();
    // The chosen name is not a new search: the list stays closed.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();

    await userEvent.type(text, 'thanks');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith(`Please check, @[Ana María Ruiz](${ana.id}) thanks`));
  });

  it('closes the suggestions with Escape and keeps the typed text', async () => {
    renderComposer();
    const text = await screen.findByRole('textbox', { name: 'Your comment' });
    await userEvent.type(text, '@ai');
    await screen.findByRole('option', { name: /Aiko Tanaka/ });

    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(text).toHaveValue('@ai');
  });

  it('asks for some text instead of sending an empty comment', async () => {
    const { onSubmit } = renderComposer();
    await userEvent.click(await screen.findByRole('button', { name: 'Post comment' }));
    const text = screen.getByRole('textbox', { name: 'Your comment' });
    expect(text).toHaveAccessibleDescription(expect.stringContaining('Write something first.'));
    expect(text).toHaveFocus();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
