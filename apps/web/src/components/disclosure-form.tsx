// A button that opens a form below it (the disclosure pattern): the button says whether the form is open
// (aria-expanded) and which region it controls; opening puts the keyboard focus in the form, and closing it (the
// button again, Cancel, or a successful save) brings the focus back to the button.
import { useId, useState, type ReactNode } from 'react';
import { useDisclosureFocus } from './use-disclosure-form';
import './disclosure-form.css';

interface DisclosureFormProps {
  /** The button's visible text. */
  label: string;
  /** The button's accessible name when the text alone does not say what it opens ("Record a measurement of …"). */
  accessibleName?: string;
  /** The button's class; "button" unless given. */
  buttonClassName?: string;
  /** A class for an element around the button and the form; without it there is none. */
  className?: string;
  /** Which control of the form takes focus on opening: the first that matches. */
  focusSelector: string;
  /** Told each time the button opens the form (e.g. to clear an earlier "Saved"). */
  onOpen?: () => void;
  /** Whether the form is open, for a caller that shows or hides other things with it; with `onOpenChange`. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** The form. `close` puts it away and returns focus to the button: its Cancel and its success call it. */
  children: (close: () => void) => ReactNode;
}

export function DisclosureForm({
  label,
  accessibleName,
  buttonClassName = 'button',
  className,
  focusSelector,
  onOpen,
  open: controlledOpen,
  onOpenChange,
  children,
}: DisclosureFormProps) {
  const [ownOpen, setOwnOpen] = useState(false);
  const open = controlledOpen ?? ownOpen;
  const { formArea, openButton } = useDisclosureFocus(open, focusSelector);
  const regionId = useId();

  function setOpen(next: boolean) {
    if (next) onOpen?.();
    setOwnOpen(next);
    onOpenChange?.(next);
  }

  const content = (
    <>
      <button
        ref={openButton}
        type="button"
        className={buttonClassName}
        aria-expanded={open}
        aria-controls={open ? regionId : undefined}
        aria-label={accessibleName}
        onClick={() => setOpen(!open)}
      >
        {label}
      </button>
      {open && (
        <div ref={formArea} id={regionId} className="disclosure-form-region">
          {children(() => setOpen(false))}
        </div>
      )}
    </>
  );
  return className ? <div className={className}>{content}</div> : content;
}
