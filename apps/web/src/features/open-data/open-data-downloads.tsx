// Links to download every published table as CSV or JSON, the licence, the DCAT catalogue and the data dictionary.
import { useTranslation } from 'react-i18next';
import { OPEN_DATA_TABLES, TABLE_FORMATS, type OpenDataTable, type TableFormat } from '@minga/contracts';
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
      <div className="table-wrap">
        <table className="table">
          <caption>{t('openData.downloadsCaption', { owner })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('openData.dataSet')}</th>
              {TABLE_FORMATS.map((format) => (
                <th scope="col" key={format}>
                  {t(`tableExport.format.${format}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {OPEN_DATA_TABLES.map((table) => (
              <tr key={table}>
                <th scope="row">{t(`openData.table.${table}`)}</th>
                {TABLE_FORMATS.map((format) => (
                  <td key={format}>
                    <a
                      href={href(table, format)}
                      download
                      aria-label={t('openData.downloadNamed', {
                        table: t(`openData.table.${table}`),
                        owner,
                        format: t(`tableExport.format.${format}`),
                      })}
                    >
                      {t('openData.download', {
                        format: t(`tableExport.format.${format}`),
                      })}
                    </a>
                    {/* The API pages this table in JSON (it grows every day); the CSV holds every row. */}
                    {table === 'measurements' && format === 'json' && <p className="field-hint">{t('openData.pagedJson')}</p>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
