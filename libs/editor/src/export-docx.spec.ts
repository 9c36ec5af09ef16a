import { strFromU8, unzipSync } from 'fflate';
import { toDocx } from './export-docx';
import { doc, link, paragraph, text, openDataDraft } from './testing/documents';

async function unzipDocx(json: Parameters<typeof toDocx>[0], title = 'Open Data Policy') {
  const buffer = await toDocx(json, { title });
  const files = unzipSync(new Uint8Array(buffer));
  const read = (name: string) => (files[name] ? strFromU8(files[name]) : undefined);
  return { buffer, read };
}

describe('toDocx', () => {
  it('returns a .docx (a zip) whose body has the draft’s text', async () => {
    const { buffer, read } = await unzipDocx(openDataDraft);
    expect(Buffer.isBuffer(buffer)).toBe(true);
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    const body = read('word/document.xml') ?? '';
    expect(body).toContain('Open Data Policy');
    expect(body).toContain('Inventory the datasets');
    expect(body).toContain('Q1 2027');
  });

  it('maps headings to Word’s heading styles', async () => {
    const body = (await unzipDocx(openDataDraft)).read('word/document.xml') ?? '';
    expect(body).toMatch(/<w:pStyle w:val="Heading1"\/>.*?Open Data Policy/);
    expect(body).toMatch(/<w:pStyle w:val="Heading2"\/>.*?Principles/);
    expect(body).toMatch(/<w:pStyle w:val="Heading3"\/>.*?Timeline/);
  });

  it('keeps bold, italic and strike on their runs', async () => {
    const body = (await unzipDocx(openDataDraft)).read('word/document.xml') ?? '';
    expect(body).toMatch(/<w:b\/>.*?by default/);
    expect(body).toMatch(/<w:i\/>.*?open formats/);
    expect(body).toMatch(/<w:strike\/>.*?PDF scans/);
  });

  it('writes bullet and numbered lists with Word numbering', async () => {
    const { read } = await unzipDocx(openDataDraft);
    expect(read('word/numbering.xml')).toContain('w:val="decimal"');
    expect(read('word/numbering.xml')).toContain('w:val="bullet"');
    expect(read('word/document.xml')).toMatch(/<w:numPr>.*?Open by default/);
  });

  it('writes tables with borders and a repeating header row', async () => {
    const body = (await unzipDocx(openDataDraft)).read('word/document.xml') ?? '';
    expect(body).toContain('<w:tbl>');
    expect(body).toMatch(/<w:tblBorders>.*?w:val="single"/);
    expect(body).toContain('<w:tblHeader/>');
  });

  it('writes safe links as hyperlinks and unsafe ones as text', async () => {
    const { read } = await unzipDocx(
      doc(paragraph(text('portal', [link('https://data.example.org')]), text(' and '), text('trap', [link('javascript:x()')]))),
    );
    expect(read('word/document.xml')).toMatch(/<w:hyperlink [^>]*r:id="[^"]+"[^>]*>.*?portal/);
    expect(read('word/_rels/document.xml.rels')).toContain('Target="https://data.example.org"');
    expect(read('word/_rels/document.xml.rels')).not.toContain('javascript');
    expect(read('word/document.xml')).toContain('trap');
  });

  it('stores the title and escapes text', async () => {
    const { read } = await unzipDocx(doc(paragraph(text('a < b & "c"\u0007'))), 'Budget & <Plan>');
    expect(read('docProps/core.xml')).toContain('<dc:title>Budget &amp; &lt;Plan&gt;</dc:title>');
    expect(read('word/document.xml')).toContain('a &lt; b &amp; &quot;c&quot;<');
  });
});
