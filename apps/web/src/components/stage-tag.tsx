// An action plan's adoption stage in words; the tint, from grey to green, only repeats what the words say.
import { useTranslation } from 'react-i18next';
import type { AdoptionStage } from '@minga/contracts';

export function StageTag({ stage }: { stage: AdoptionStage }) {
  const { t } = useTranslation();
  return <span className={`stage-tag stage-tag--${stage}`}>{t(`plans.stage.${stage}`)}</span>;
}
