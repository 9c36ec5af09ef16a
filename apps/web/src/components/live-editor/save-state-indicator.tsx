import { useTranslation } from 'react-i18next';
import { saveStateOf, type SaveStateInput } from './save-state';
import './live-editor.css';

/** Always on screen and announced politely: whether the document's changes are safe on the server. */
export function SaveStateIndicator(input: SaveStateInput) {
  const { t } = useTranslation();
  const state = saveStateOf(input);
  const tone = state.key.slice(state.key.lastIndexOf('.') + 1);
  return (
    <p role="status" aria-live="polite" className={`save-state save-state--${tone}`} data-testid="save-state">
      {state.count === undefined ? t(state.key) : t(state.key, { count: state.count })}
    </p>
  );
}
