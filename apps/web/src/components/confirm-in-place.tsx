// An action that asks once, in place: no modal to trap focus, and the safer choice (keep) takes focus first; when
// the question is put away, focus returns to the button that asked it (the disclosure pattern of the forms).
import { useDisclosureForm } from './use-disclosure-form';
import './confirm-in-place.css';

interface ConfirmInPlaceProps {
  /** Accessible name of the first button, naming the action and its object; starts with the visible word. */
  label: string;
  /** The first button's visible word (e.g. "Delete"). */
  action: string;
  /** The question asked before acting (e.g. "Delete the milestone “Portal relaunch” and its tasks?"). */
  question: string;
  /** The confirming button's text (e.g. "Yes, delete"). */
  confirm: string;
  /** The safer choice's text (e.g. "Keep"). */
  keep: string;
  /** Said when the action failed. */
  failedMessage: string;
  onConfirm: () => void;
  pending: boolean;
  failed: boolean;
}

export function ConfirmInPlace({ label, action, question, confirm, keep, failedMessage, onConfirm, pending, failed }: ConfirmInPlaceProps) {
  const { open: asking, setOpen: setAsking, formArea, openButton } = useDisclosureForm('[data-keep]');

  if (!asking) {
    return (
      <button
        ref={openButton}
        type="button"
        className="button button--secondary button--small"
        aria-label={label}
        onClick={() => setAsking(true)}
      >
        {action}
      </button>
    );
  }
  return (
    <div ref={formArea} className="confirm-in-place" role="group" aria-label={label}>
      <p>{question}</p>
      <button type="button" className="button button--danger button--small" aria-busy={pending} onClick={() => !pending && onConfirm()}>
        {confirm}
      </button>{' '}
      <button data-keep type="button" className="button button--secondary button--small" onClick={() => setAsking(false)}>
        {keep}
      </button>
      {failed && (
        <p className="field-error" role="alert">
          {failedMessage}
        </p>
      )}
    </div>
  );
}
