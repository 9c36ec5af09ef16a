// Downloads the draft as it is now, in one of the export formats, for everyone who may read it.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPORT_FORMATS, type Draft, type ExportFormat } from '@minga/contracts';
import { ProblemAlert } from '../../components/problem-alert';
import { saveFile } from '../../lib/save-file';
import { useSession } from '../../lib/session';
import { useExportDraft } from './api';
import './draft-versions.css';

const EXTENSIONS: Record<ExportFormat, string> = { markdown: 'md', html: 'html', docx: 'docx', text: 'txt' };

export function ExportMenu({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const { ability } = useSession();
  const labelId = useId();
  const exporter = useExportDraft(draft.id);
  const [saved, setSaved] = useState<string | null>(null);
  if (!ability.can('read', { kind: 'Draft', id: draft.id, cityId: draft.cityId, hubId: draft.hubId })) return null;

  function download(format: ExportFormat) {
    if (exporter.isPending) return;
    setSaved(null);
    exporter.mutate(format, {
      onSuccess: (file) => {
        const filename = file.filename ?? `draft.${EXTENSIONS[format]}`;
        saveFile(file.blob, filename);
        setSaved(filename);
      },
    });
  }

  let status = '';
  if (exporter.isPending) status = t('drafts.export.preparing');
  else if (saved) status = t('drafts.export.done', { filename: saved });

  return (
    <div className="export-menu">
      <div role="group" aria-labelledby={labelId} className="export-menu-group">
        <span id={labelId} className="export-menu-label">
          {t('drafts.export.label')}
        </span>
        {EXPORT_FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            className="button button--secondary button--small"
            aria-label={t(`drafts.export.as.${format}`)}
            // Not disabled while a file is prepared: a disabled button would drop the keyboard focus.
            aria-disabled={exporter.isPending}
            onClick={() => download(format)}
          >
            {t(`drafts.export.format.${format}`)}
          </button>
        ))}
      </div>
      <p role="status" className="status export-menu-status">
        {status}
      </p>
      {exporter.isError && <ProblemAlert error={exporter.error} />}
    </div>
  );
}
