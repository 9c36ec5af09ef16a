// The data dictionary and the DCAT-AP catalogue (JSON-LD): what portals such as CKAN harvest.
import {
  ADOPTION_STAGES,
  KPI_DIRECTIONS,
  KPI_STATUSES,
  MILESTONE_STATUSES,
  OPEN_DATA_LICENSE,
  OPEN_DATA_LICENSE_URL,
  OPEN_DATA_TABLES,
  type DataDictionary,
  type DcatCatalog,
  type OpenDataTable,
} from '@minga/contracts';
import { OPEN_CSV_COLUMNS } from './open-data.service';

type Column = DataDictionary['tables'][number]['columns'][number];
const col = (name: string, type: string, description: string, values?: readonly string[]): Column =>
  values ? { name, type, description, values: [...values] } : { name, type, description };

const COMMON = {
  id: col('id', 'uuid', 'Stable identifier of the record; never reused'),
  uri: col('uri', 'url', 'Stable address of the action plan in this open-data API'),
  actionPlanId: col('actionPlanId', 'uuid', 'The action plan the record belongs to'),
  cityId: col('cityId', 'uuid', 'The city whose plan it is'),
  updatedAt: col('updatedAt', 'date-time', 'When the record last changed (ISO 8601, UTC)'),
} satisfies Record<string, Column>;

const TABLES: Record<OpenDataTable, { description: string; columns: Column[] }> = {
  'action-plans': {
    description: "A city's published plan to adopt one of the alliance's model policies",
    columns: [
      COMMON['id'],
      COMMON['uri'],
      COMMON['cityId'],
      col('cityName', 'string', 'Name of the city'),
      col('country', 'string', 'ISO 3166-1 alpha-2 country code'),
      col('hubId', 'uuid|null', 'Regional hub of the alliance the city belongs to'),
      col('modelPolicyKey', 'string', 'Stable key of the model policy'),
      col('modelPolicyName', 'string', 'Name of the model policy'),
      col('statementOfIntent', 'string', 'What the city commits to'),
      col('stage', 'enum', 'Adoption stage, in order of progress', ADOPTION_STAGES),
      col('progress', 'number', 'Percentage (0–100) of milestones done; an open milestone counts by its share of tasks done'),
      col('overdueCount', 'integer', "Milestones not done whose due date has passed in the city's time zone"),
      col('publishedAt', 'date-time', 'When the city published the plan'),
      COMMON['updatedAt'],
    ],
  },
  milestones: {
    description: 'Steps of an action plan with their due dates',
    columns: [
      COMMON['id'],
      COMMON['actionPlanId'],
      COMMON['cityId'],
      col('title', 'string', 'What the step is'),
      col('dueDate', 'date', 'Due date (YYYY-MM-DD)'),
      col('status', 'enum', 'Where the step stands', MILESTONE_STATUSES),
      col('overdue', 'boolean', 'Not done and past its due date'),
      col('evidenceLinks', 'url[]', 'Public https links that show the work (separated by " | " in CSV)'),
      col('taskCount', 'integer', 'Number of tasks of the step'),
      col('tasksDone', 'integer', 'Number of those tasks done'),
      COMMON['updatedAt'],
    ],
  },
  kpis: {
    description: 'Key performance indicators of an action plan, rated against a straight line from baseline to target',
    columns: [
      COMMON['id'],
      COMMON['actionPlanId'],
      COMMON['cityId'],
      col('name', 'string', 'What is measured'),
      col('unit', 'string', 'Unit of the values'),
      col('direction', 'enum', 'Which way is good', KPI_DIRECTIONS),
      col('baselineValue', 'number', 'Value at the baseline date'),
      col('baselineDate', 'date', 'Date of the baseline value'),
      col('targetValue', 'number', 'Value aimed for by the target date'),
      col('targetDate', 'date', 'Date by which the target should be reached'),
      col('latestValue', 'number|null', 'Most recent measurement'),
      col('latestDate', 'date|null', 'Date of the most recent measurement'),
      col(
        'status',
        'enum',
        'The latest value against the value expected on its date on the straight line from baseline to target: at or beyond it is on_track, behind by at most 10% of |target − baseline| is at_risk, further behind is off_track; no measurement is no_data',
        KPI_STATUSES,
      ),
      col('progress', 'number|null', 'Share of the way from baseline (0) to target (1) reached by the latest value'),
      COMMON['updatedAt'],
    ],
  },
  measurements: {
    description:
      'Values of a KPI over time, one per day at most. In JSON, pages of up to `limit` rows: pass `nextCursor` back as `cursor` until it is null; the CSV holds every row',
    columns: [
      COMMON['id'],
      col('kpiId', 'uuid', 'The KPI measured'),
      COMMON['actionPlanId'],
      COMMON['cityId'],
      col('date', 'date', 'Date the value refers to'),
      col('value', 'number', 'The measured value, in the unit of the KPI'),
      col('source', 'string|null', 'Where the value comes from'),
      col('note', 'string|null', 'Remarks on the value'),
    ],
  },
};

export function dataDictionary(): DataDictionary {
  return {
    license: OPEN_DATA_LICENSE,
    licenseUrl: OPEN_DATA_LICENSE_URL,
    tables: OPEN_DATA_TABLES.map((name) => {
      const columns = TABLES[name].columns;
      // The dictionary and the CSV columns must never drift apart.
      if (columns.map((c) => c.name).join() !== OPEN_CSV_COLUMNS[name].join()) throw new Error(`Data dictionary of ${name} is out of date`);
      return { name, description: TABLES[name].description, columns };
    }),
  };
}

const MEDIA_TYPES = { json: 'application/json', csv: 'text/csv' } as const;

/** DCAT-AP 3 in JSON-LD: one dataset per city with published plans; a JSON and a CSV distribution per table. */
export function dcatCatalog(
  base: string,
  cities: { id: string; name: string; country: string; policies: string[]; issued: Date; modified: Date }[],
): DcatCatalog {
  const license = { '@id': OPEN_DATA_LICENSE_URL };
  const dictionary = { '@id': `${base}/dictionary` };
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
      vcard: 'http://www.w3.org/2006/vcard/ns#',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
    },
    '@id': `${base}/catalog`,
    '@type': 'dcat:Catalog',
    'dct:title': 'Minga: action plans and KPIs of smart cities',
    'dct:description':
      "Published action plans of the alliance's cities: adoption stages of model policies, milestones, KPIs and their measurements.",
    'dct:publisher': { '@type': 'foaf:Agent', 'foaf:name': 'Minga' },
    'dct:license': license,
    'dcat:themeTaxonomy': { '@id': 'http://publications.europa.eu/resource/authority/data-theme' },
    'dct:modified': cities.length ? dateTime(new Date(Math.max(...cities.map((c) => c.modified.getTime())))) : undefined,
    'dcat:dataset': cities.map((city) => {
      const uri = `${base}/cities/${city.id}`;
      return {
        '@id': uri,
        '@type': 'dcat:Dataset',
        'dct:identifier': city.id,
        'dct:title': `Action plans of ${city.name}`,
        'dct:description': `Published action plans of ${city.name} (${city.policies.join(', ')}): milestones, KPIs and measurements.`,
        'dct:publisher': { '@type': 'foaf:Agent', 'foaf:name': city.name },
        'dcat:contactPoint': { '@type': 'vcard:Organization', 'vcard:fn': `${city.name} (through Minga)` },
        'dct:spatial': { '@id': `http://publications.europa.eu/resource/authority/country/${city.country}` },
        'dcat:keyword': ['smart city', 'action plan', 'KPI', ...city.policies],
        'dcat:theme': { '@id': 'http://publications.europa.eu/resource/authority/data-theme/GOVE' },
        'dct:issued': dateTime(city.issued),
        'dct:modified': dateTime(city.modified),
        'dct:license': license,
        'dcat:landingPage': { '@id': uri },
        'dcat:distribution': OPEN_DATA_TABLES.flatMap((table) =>
          (['json', 'csv'] as const).map((format) => {
            const url = `${uri}/${table}?format=${format}`;
            return {
              '@id': url,
              '@type': 'dcat:Distribution',
              'dct:title': `${city.name}: ${table} (${format.toUpperCase()})`,
              'dcat:accessURL': { '@id': url },
              'dcat:downloadURL': { '@id': url },
              'dcat:mediaType': { '@id': `https://www.iana.org/assignments/media-types/${MEDIA_TYPES[format]}` },
              'dct:format': { '@id': `http://publications.europa.eu/resource/authority/file-type/${format.toUpperCase()}` },
              'dct:license': license,
              'dct:conformsTo': dictionary,
            };
          }),
        ),
      };
    }),
  };
}

function dateTime(date: Date) {
  return { '@value': date.toISOString(), '@type': 'xsd:dateTime' };
}
