// The alliance's seven model policies: a one-sentence summary each and, where written, the template a city starts
// its draft from. Original text written for Minga, in the register of municipal policy; "the City" is the adopter.
import type { TemplateSection } from '@minga/editor';

interface ModelPolicyText {
  summary: string;
  template: TemplateSection[] | null;
}

const OPEN_DATA: TemplateSection[] = [
  {
    heading: 'Purpose',
    paragraphs: [
      'This policy commits the City to making the data it creates, collects and maintains available to residents, businesses, researchers and other public bodies, so that they can understand how the City works, hold it to account and build services of their own.',
      'The City treats its data as a public asset. Publishing it proactively lowers the cost of answering individual information requests, improves coordination between departments and encourages innovation that benefits the community.',
    ],
  },
  {
    heading: 'Definitions',
    paragraphs: [
      '"Data" means information recorded in structured form, such as tables, geographic layers, sensor readings or registers, whatever the system that holds it. "Dataset" means a named collection of related data published as one unit, together with its metadata.',
      '"Open data" means data that anyone may access, use, modify and share for any purpose, free of charge, subject at most to attribution. "Open format" means a machine-readable format with a freely available specification, such as CSV, JSON or GeoJSON. "Data steward" means the officer a department designates to maintain its datasets.',
    ],
  },
  {
    heading: 'Scope',
    paragraphs: [
      "This policy applies to every department, agency and office of the City, and to data created or collected on the City's behalf by contractors, concessionaires and partners. New contracts shall grant the City the right to publish such data as open data.",
      'It covers data held on the date of adoption as well as data created afterwards. Records kept only on paper come within scope once they are digitised.',
    ],
  },
  {
    heading: 'Publication by default',
    paragraphs: [
      'Data within scope shall be published as open data unless an exception under this policy applies. No department shall require registration, a justification or a payment before a published dataset may be accessed.',
      "Each dataset shall be published on the City's open data portal in at least one open format, under the open licence the City has adopted, with metadata describing its source, coverage, update frequency, known limitations and the contact point of its data steward.",
      'Each department shall keep and publish an inventory of the datasets it holds, and shall release first the datasets most requested by the public or most useful for public safety, mobility, health and the environment.',
    ],
  },
  {
    heading: 'Data quality and updates',
    paragraphs: [
      'Data stewards are responsible for the accuracy, completeness and timeliness of their datasets. Wherever possible, publication shall be automated from the source system, so that the portal reflects the current state of the data without manual effort.',
      'Each dataset shall state how often it is updated and shall be updated at least that often. Corrections shall be published promptly, and a change to the structure of a dataset shall be announced in advance and recorded in a change log.',
      'The City shall offer users a way to report errors and to request new datasets, and shall answer each report within a published time frame.',
    ],
  },
  {
    heading: 'Privacy and exceptions',
    paragraphs: [
      'Data shall not be published where doing so would disclose personal data, endanger public safety or critical infrastructure, breach a legal duty of confidentiality, or reveal commercially sensitive information supplied to the City in confidence.',
      "Before publication, personal data shall be removed, aggregated or anonymised so that no individual can reasonably be re-identified, including by combining the dataset with other available data. Where the risk of re-identification is uncertain, the data steward shall consult the City's privacy officer.",
      'A decision to withhold all or part of a dataset shall be recorded in the inventory together with the ground relied on, and reviewed at least once a year.',
    ],
  },
  {
    heading: 'Responsibilities',
    paragraphs: [
      'The chief data officer designated by the Mayor shall coordinate the implementation of this policy, run the open data portal, set common standards for formats and metadata, and train and support departments.',
      "Each head of department shall designate at least one data steward and ensure that the department's datasets are inventoried, published and maintained in accordance with this policy.",
    ],
  },
  {
    heading: 'Review',
    paragraphs: [
      'The chief data officer shall report each year to the City Council on the datasets published, how regularly they were updated, how they are used and which datasets were withheld, and shall publish the report on the portal.',
      'This policy shall be reviewed at least every three years in the light of the annual reports, feedback from users and changes in law and technology.',
    ],
  },
];

const PRIVACY_IMPACT_ASSESSMENT: TemplateSection[] = [
  {
    heading: 'Purpose',
    paragraphs: [
      'This policy requires the City to identify, assess and reduce the risks to privacy that arise when it introduces a new technology or a new use of personal data, before those risks can materialise.',
      'By assessing proposals early and in the open, the City protects the rights of residents and visitors, meets its obligations under data protection law, and earns the public trust on which new digital services depend.',
    ],
  },
  {
    heading: 'Definitions',
    paragraphs: [
      '"Personal data" means any information relating to an identified or identifiable natural person. "Processing" means any operation performed on personal data, including its collection, recording, storage, combination, disclosure and deletion.',
      '"Privacy impact assessment" means a structured evaluation of how a proposed project will process personal data, the risks it poses to the people concerned, and the measures that will address those risks. "Project" means any new system, service, sensor deployment or data-sharing arrangement, or a significant change to an existing one.',
      '"Project owner" means the department responsible for a project. "Privacy officer" means the officer the City designates to oversee the implementation of this policy.',
    ],
  },
  {
    heading: 'Scope',
    paragraphs: [
      'This policy applies to every project of the City, and of any contractor or partner acting on its behalf, that will process personal data, including projects that collect data in public spaces through cameras, sensors or connected devices.',
      'The project owner shall complete a threshold screening for every project. A full assessment is required where the screening shows that the project involves sensitive data, large-scale or systematic monitoring of public spaces, automated decisions about individuals, the combination of datasets from different sources, or data about children.',
    ],
  },
  {
    heading: 'Evaluation',
    paragraphs: [
      "The assessment shall describe the purpose of the project, the personal data to be processed and its sources, the legal basis for the processing, who will have access to the data, how long it will be kept, and whether it will leave the City's systems.",
      'It shall identify the risks to individuals, including unauthorised access, use for purposes other than the stated one, discrimination and loss of control over their information, and rate each risk by likelihood and severity. For every significant risk it shall set out proportionate measures, such as collecting less data, anonymisation, access controls, shorter retention or a different design.',
      'The privacy officer shall review each assessment and may approve the project, approve it on conditions, or require changes before it proceeds. No project within scope shall be procured or deployed before its assessment has been approved.',
    ],
  },
  {
    heading: 'Consultation',
    paragraphs: [
      'For a project that requires a full assessment, the project owner shall seek the views of the people likely to be affected, or of their representatives, in a manner proportionate to the project, and shall record how those views were taken into account.',
      'The City shall maintain an advisory panel of independent members, among them legal and privacy specialists, academics and residents, which the privacy officer may consult on complex or contested assessments.',
    ],
  },
  {
    heading: 'Publication',
    paragraphs: [
      'The City shall publish every approved assessment, or a plain-language summary of it, on its website before the project goes live, together with a contact point for questions and complaints.',
      'Information may be left out of the published version only where disclosing it would compromise security or reveal confidential commercial information, and the reason for each omission shall be stated.',
    ],
  },
  {
    heading: 'Sanctions',
    paragraphs: [
      'A project that has not completed the required assessment, or that departs materially from its approved assessment, shall be suspended until the breach is remedied. The privacy officer shall report every such case to the Mayor and the City Council.',
      "Contracts for projects within scope shall bind contractors to this policy and to the conditions of the approved assessment, and shall provide for remedies, including termination, if they fail to comply. Staff who knowingly breach this policy are subject to the City's disciplinary procedures.",
    ],
  },
  {
    heading: 'Review',
    paragraphs: [
      'Each assessment shall be revisited when its project changes significantly, and in any case at least every three years while the project operates.',
      'The privacy officer shall report each year on the assessments carried out and their outcomes. This policy shall be reviewed at least every three years.',
    ],
  },
];

const ACCESSIBLE_ICT_PROCUREMENT: TemplateSection[] = [
  {
    heading: 'Purpose',
    paragraphs: [
      'This policy ensures that the information and communication technology the City acquires can be used by everyone, including people with disabilities and older residents, so that no one is shut out of public services, information or employment by the technology the City chooses.',
      'Building accessibility into procurement costs far less than retrofitting it later, and gives suppliers a clear and consistent signal of what the City expects.',
    ],
  },
  {
    heading: 'Definitions',
    paragraphs: [
      '"Information and communication technology" (ICT) means hardware, software, websites, mobile applications, electronic documents, kiosks, telephony and any other technology used to create, store, display or communicate information.',
      '"Accessible" means that people with disabilities can perceive, operate and understand the technology, with or without assistive technology, as fully as other users. "Accessibility conformance report" means a statement in which a supplier sets out, criterion by criterion, how its product meets the applicable standards.',
    ],
  },
  {
    heading: 'Scope',
    paragraphs: [
      'This policy applies to all ICT procured by or on behalf of the City, whether bought, leased, licensed, developed in-house or provided as a service, and whether it is intended for the public or for City staff.',
      'It also applies to the renewal or substantial modification of contracts concluded before its adoption.',
    ],
  },
  {
    heading: 'Accessibility requirements in procurement',
    paragraphs: [
      'Every call for tenders for ICT shall state accessibility requirements in its technical specifications. Web content and mobile applications shall conform to the Web Content Accessibility Guidelines (WCAG) 2.2 at Level AA; other ICT products and services shall meet the applicable requirements of the European standard EN 301 549, or of a national standard that ensures at least the same level of accessibility.',
      'Bidders shall submit an accessibility conformance report for each product offered and explain how conformance will be maintained through updates for the life of the contract. Contracts shall oblige suppliers to correct, at no extra cost to the City, any non-conformance found after delivery.',
    ],
  },
  {
    heading: 'Evaluation of bids',
    paragraphs: [
      'Accessibility shall be assessed in the technical evaluation of every bid. A bid that does not meet the mandatory requirements shall be rejected unless an exception has been granted.',
      'Where several bids meet the mandatory requirements, accessibility beyond the minimum shall earn points in the evaluation. Before awarding a contract, the City may verify conformance claims by testing, including testing by people who use assistive technology.',
    ],
  },
  {
    heading: 'Exceptions',
    paragraphs: [
      'An exception may be granted only where no product on the market meets the requirements, or where meeting them would impose a disproportionate burden on the City. The requesting department shall document the products it considered and its reasons, and the accessibility coordinator shall approve the exception.',
      'Where an exception is granted, the department shall offer an alternative means of access to people who cannot use the product, and shall reconsider the exception when the contract is next renewed.',
    ],
  },
  {
    heading: 'Monitoring and reporting',
    paragraphs: [
      'The City shall designate an accessibility coordinator who advises departments, maintains model tender clauses, and keeps a register of ICT procurements with their conformance status and any exceptions granted.',
      'The coordinator shall report each year to the City Council on the share of ICT procurements that met the requirements, the exceptions granted and the complaints received, and shall publish the report in an accessible format.',
      'Anyone may report an accessibility barrier in a City ICT service through a published contact point, and every report shall receive an answer.',
    ],
  },
];

/** Keyed by the model policy keys of seed-facts.json; the seed fails loudly if a key has no entry here. */
export const MODEL_POLICY_TEXTS: Record<string, ModelPolicyText> = {
  'open-data': {
    summary:
      'Makes the data the City holds open by default, published in machine-readable formats under an open licence and kept up to date, except where privacy or security forbids it.',
    template: OPEN_DATA,
  },
  pia: {
    summary:
      'Requires the City to assess, publish and act on the privacy risks of a new technology or use of personal data before it is deployed.',
    template: PRIVACY_IMPACT_ASSESSMENT,
  },
  'ict-accessibility': {
    summary:
      'Makes accessibility for people with disabilities a mandatory, evaluated requirement whenever the City buys or builds information and communication technology.',
    template: ACCESSIBLE_ICT_PROCUREMENT,
  },
  'cyber-accountability': {
    summary:
      'Names who in city government answers for cybersecurity and sets the baseline practices every connected system and supplier must meet.',
    template: null,
  },
  'dig-once': {
    summary:
      'Coordinates street works so that ducts for fibre and other digital infrastructure are laid whenever a road is opened, instead of digging it up again later.',
    template: null,
  },
  'whole-life-carbon': {
    summary:
      'Requires new buildings and infrastructure to measure and cut the carbon they emit over their whole life, from materials and construction through use to demolition.',
    template: null,
  },
  'public-asset-use': {
    summary:
      'Opens streetlights, poles, rooftops and other public assets to communications equipment on fair, transparent and timely terms.',
    template: null,
  },
};
