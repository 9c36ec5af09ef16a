import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { DisclosureForm } from './disclosure-form';

function NoteForm({ onSaved, onCancel }: { onSaved: () => void; onCancel: () => void }) {
  return (
    <form
      aria-label="New note"
      onSubmit={(event) => {
        event.preventDefault();
        onSaved();
      }}
    >
      <label>
        Note <input name="note" />
      </label>
      <button type="submit">Save note</button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

function renderNotes(props: Partial<Parameters<typeof DisclosureForm>[0]> = {}) {
  return render(
    <DisclosureForm label="Add a note" focusSelector="input" {...props}>
      {(close) => <NoteForm onSaved={close} onCancel={close} />}
    </DisclosureForm>,
  );
}

describe('DisclosureForm', () => {
  it('says the form is closed, opens it below the button it controls, and puts the focus in its first field', async () => {
    renderNotes();
    const button = screen.getByRole('button', { name: 'Add a note' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).not.toHaveAttribute('aria-controls');
    expect(screen.queryByRole('form', { name: 'New note' })).not.toBeInTheDocument();

    button.focus();
    await userEvent.keyboard('{Enter}');

    expect(button).toHaveAttribute('aria-expanded', 'true');
    const form = screen.getByRole('form', { name: 'New note' });
    expect(document.getElementById(button.getAttribute('aria-controls') ?? '')).toContainElement(form);
    expect(screen.getByLabelText('Note')).toHaveFocus();
  });

  it('returns the focus to the button on cancel', async () => {
    renderNotes();
    await userEvent.click(screen.getByRole('button', { name: 'Add a note' }));

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByRole('form', { name: 'New note' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add a note' })).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Add a note' })).toHaveAttribute('aria-expanded', 'false');
  });

  it('returns the focus to the button once the form is saved', async () => {
    renderNotes();
    await userEvent.click(screen.getByRole('button', { name: 'Add a note' }));

    await userEvent.type(screen.getByLabelText('Note'), 'Ask the city for its data{Enter}');

    expect(screen.queryByRole('form', { name: 'New note' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add a note' })).toHaveFocus();
  });

  it('closes again from its own button, which keeps the focus', async () => {
    renderNotes();
    const button = screen.getByRole('button', { name: 'Add a note' });
    await userEvent.click(button);

    await userEvent.click(button);

    expect(screen.queryByRole('form', { name: 'New note' })).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });

  it('takes an accessible name that says what it opens, and tells the caller when it opens and closes', async () => {
    const onOpen = vi.fn();
    function Controlled() {
      const [open, setOpen] = useState(false);
      return (
        <>
          <DisclosureForm
            label="Add a note"
            accessibleName="Add a note to Tsukuba"
            focusSelector="input"
            open={open}
            onOpenChange={setOpen}
            onOpen={onOpen}
          >
            {(close) => <NoteForm onSaved={close} onCancel={close} />}
          </DisclosureForm>
          {!open && <button type="button">Delete Tsukuba</button>}
        </>
      );
    }
    render(<Controlled />);

    await userEvent.click(screen.getByRole('button', { name: 'Add a note to Tsukuba' }));

    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('button', { name: 'Delete Tsukuba' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: 'Delete Tsukuba' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add a note to Tsukuba' })).toHaveFocus();
  });
});
