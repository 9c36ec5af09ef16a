// Removing something asks once, in place (see ConfirmInPlace), with the shared delete wording.
import { useTranslation } from 'react-i18next';
import { ConfirmInPlace } from './confirm-in-place';

interface ConfirmDeleteButtonProps {
  /** Accessible name of the first button, naming what goes; starts with the visible word (e.g. "Delete milestone Portal relaunch"). */
  label: string;
  /** The question asked before deleting (e.g. "Delete the milestone “Portal relaunch” and its tasks?"). */
  question: string;
  onConfirm: () => void;
  pending: boolean;
  failed: boolean;
}

export function ConfirmDeleteButton(props: ConfirmDeleteButtonProps) {
  const { t } = useTranslation();
  return (
    <ConfirmInPlace
      {...props}
      action={t('common.delete')}
      confirm={t('common.deleteConfirm')}
      keep={t('common.keep')}
      failedMessage={t('common.deleteFailed')}
    />
  );
}
