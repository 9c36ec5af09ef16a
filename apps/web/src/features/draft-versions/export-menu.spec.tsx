import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, problem, stubGlobalApi } from '../../testing/fake-api';
import { draft, expertOfJapan, session, user } from '../../testing/fixtures';
import { renderInApp } from '../../testing/render';
import { ExportMenu } from './export-menu';

const DRAFT = draft();
const EXPORT = `/api/drafts/${DRAFT.id}/export`;
const asExpert = () => json(200, session(user({ roles: [expertOfJapan] }), 'expert-token'));

describe('ExportMenu', () => {
  // jsdom has no object URLs and no downloads: record what the page asks of them instead.
  let createObjectURL: ReturnType<typeof vi.fn>;
  let clicked: HTMLAnchorElement[];

  beforeEach(() => {
    createObjectURL = vi.fn(() => 'blob:minga/export-1');
    Object.defineProperty(URL, 'createObjectURL', { value: createObjectURL, configurable: true });
    Object.defineProperty(URL, 'revokeObjectURL', { value: vi.fn(), configurable: true });
    clicked = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('offers the four formats to someone who may only read and comment', async () => {
    stubGlobalApi({ 'POST /api/auth/session/refresh': asExpert });
    renderInApp(<ExportMenu draft={DRAFT} />);

    const group = await screen.findByRole('group', { name: 'Export' });

    expect(group).toContainElement(screen.getByRole('button', { name: 'Export as Markdown' }));
    for (const name of ['Export as HTML', 'Export as Word (.docx)', 'Export as plain text']) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    }
  });

  it('downloads the Markdown export with the access token and saves it under the name the API gives', async () => {
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': asExpert,
      [`GET ${EXPORT}`]: () =>
        new Response('# Open data policy of Tsukuba', {
          status: 200,
          headers: {
            'Content-Type': 'text/markdown; charset=utf-8',
            'Content-Disposition': `attachment; filename="draft.md"; filename*=UTF-8''Open%20data%20policy%20of%20Tsukuba.md`,
          },
        }),
    });
    renderInApp(<ExportMenu draft={DRAFT} />);

    await userEvent.click(await screen.findByRole('button', { name: 'Export as Markdown' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Downloaded Open data policy of Tsukuba.md.');
    const call = api.calls.find((recorded) => recorded.path === EXPORT);
    expect(call?.search.get('format')).toBe('markdown');
    expect(call?.authorization).toBe('Bearer expert-token');
    const blob = createObjectURL.mock.calls[0]?.[0] as Blob;
    await expect(blob.text()).resolves.toBe('# Open data policy of Tsukuba');
    expect(clicked).toHaveLength(1);
    expect(clicked[0]?.href).toBe('blob:minga/export-1');
    expect(clicked[0]?.download).toBe('Open data policy of Tsukuba.md');
    expect(clicked[0]?.isConnected).toBe(false);
  });

  it('asks for the chosen format', async () => {
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': asExpert,
      [`GET ${EXPORT}`]: () => new Response(new Blob(['PK']), { status: 200 }),
    });
    renderInApp(<ExportMenu draft={DRAFT} />);

    await userEvent.click(await screen.findByRole('button', { name: 'Export as Word (.docx)' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Downloaded draft.docx.');
    expect(api.calls.find((recorded) => recorded.path === EXPORT)?.search.get('format')).toBe('docx');
  });

  it('says why an export failed and saves nothing', async () => {
    stubGlobalApi({
      'POST /api/auth/session/refresh': asExpert,
      [`GET ${EXPORT}`]: () => problem(403, 'forbidden'),
    });
    renderInApp(<ExportMenu draft={DRAFT} />);

    await userEvent.click(await screen.findByRole('button', { name: 'Export as HTML' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('You do not have permission to do this.');
    expect(clicked).toHaveLength(0);
  });
});
