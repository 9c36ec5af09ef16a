// Links to download every published table as CSV or JSON, the licence, the DCAT catalogue and the data dictionary.
import { useTranslation } from 'react-i18next';
import { OPEN_DATA_TABLES, TABLE_FORMATS, type OpenDataTable, type TableFormat } from '@minga/contracts';
import { DataTable } from '../../components/data-table';
import { openDataPaths } from './api';

interface OpenDataDownloadsProps {
  /** Whose data: "Mexico City", for the links' accessible names. */
  owner: string;
  href: (table: OpenDataTable, format: TableFormat) => string;
  license: string;
  licenseUrl: string;
}

export function OpenDataDownloads({ owner, href, license, licenseUrl }: OpenDataDownloadsProps) {
  const { t } = useTranslation();
  return (
    <>
      <DataTable
        caption={t('openData.downloadsCaption', { owner })}
        rows={OPEN_DATA_TABLES}
        rowKey={(table) => table}
        columns={[
          { header: t('openData.dataSet'), rowHeader: true, cell: (table) => t(`openData.table.${table}`) },
          ...TABLE_FORMATS.map((format) => ({
            key: format,
            header: t(`tableExport.format.${format}`),
            cell: (table: OpenDataTable) => (
              <>
                <a
                  href={href(table, format)}
                  download
                  aria-label={t('openData.downloadNamed', {
                    table: t(`openData.table.${table}`),
                    owner,
                    format: t(`tableExport.format.${format}`),
                  })}
                >
                  {t('openData.download', { format: t(`tableExport.format.${format}`) })}
                </a>
                {/* The API pages this table in JSON (it grows every day); the CSV holds every row. */}
                {table === 'measurements' && format === 'json' && <p className="field-hint">{t('openData.pagedJson')}</p>}
              </>
            ),
          })),
        ]}
      />
      <ul className="open-data-links">
        <li>
          {t('openData.license')}{' '}
          <a href={licenseUrl} rel="license noopener noreferrer">
            {license}
          </a>
        </li>
        <li>
          <a href={openDataPaths.catalog}>{t('openData.catalog')}</a>
        </li>
        <li>
          <a href={openDataPaths.dictionary}>{t('openData.dictionary')}</a>
        </li>
      </ul>
    </>
  );
}
