// How a version is called wherever it appears: its label, or for an automatic one the moment it was saved.
import type { DraftVersion } from '@minga/contracts';
import type { Formatters } from '../../lib/formatters';

export function versionName(version: Pick<DraftVersion, 'label' | 'createdAt'>, format: Formatters): string {
  return version.label ?? format.dateTime(version.createdAt);
}
