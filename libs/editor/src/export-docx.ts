// Word (.docx) export of a draft, for officials who circulate drafts outside Minga. Only the API calls it: it returns a
// Node Buffer and the docx package is large, so it has its own entry point (@minga/editor/docx) outside the web bundle.
import type { JSONContent } from '@tiptap/core';
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type NumberingDefinition,
  type ParagraphChild,
} from 'docx';
import { safeDocument } from './safe-document';

interface DocxOptions {
  /** Stored as the file's title property (the body already starts with the draft's own h1). */
  title: string;
}

type Block = Paragraph | Table;

interface Context {
  /** List definitions used so far, by reference; a numbered list starting at n needs its own. */
  numbering: Map<string, NumberingDefinition>;
  /** Every list is its own numbering instance, so each numbered list counts from its start again. */
  nextInstance: number;
}

interface Place {
  /** How many blockquotes the block is in. */
  quote: number;
  /** Header cells are bold throughout. */
  bold: boolean;
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3];
const BULLETS = ['\u2022', '\u25e6', '\u25aa'];
const INDENT = 720; // twips: half an inch per list level or quote
const LIST_LEVELS = 9; // Word's limit
// An A4 page less one-inch margins, which is docx's default page.
const TEXT_WIDTH = 11906 - 2 * 1440;
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '808080' } as const;

// XML 1.0 cannot carry most control characters, lone surrogates or U+FFFE/U+FFFF; Word refuses a file with them.
function allowedInXml(char: string): boolean {
  const code = char.codePointAt(0) as number;
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
  return !(code >= 0xd800 && code <= 0xdfff) && code !== 0xfffe && code !== 0xffff;
}

function xmlText(text: string): string {
  return [...text].filter(allowedInXml).join('');
}

function hasMark(node: JSONContent, type: string): boolean {
  return (node.marks ?? []).some((mark) => mark.type === type);
}

function linkOf(node: JSONContent): string | null {
  const link = (node.marks ?? []).find((mark) => mark.type === 'link');
  return link ? String(link.attrs?.['href']) : null;
}

function run(node: JSONContent, place: Place, inLink: boolean): TextRun | null {
  if (node.type === 'hardBreak') return new TextRun({ break: 1 });
  if (node.type !== 'text' || !node.text) return null;
  return new TextRun({
    text: xmlText(node.text),
    bold: place.bold || hasMark(node, 'bold'),
    italics: hasMark(node, 'italic'),
    strike: hasMark(node, 'strike'),
    font: hasMark(node, 'code') ? 'Courier New' : undefined,
    style: inLink ? 'Hyperlink' : undefined,
  });
}

/** Runs of a paragraph, neighbouring text under the same link grouped into one hyperlink. */
function inline(nodes: JSONContent[], place: Place): ParagraphChild[] {
  const children: ParagraphChild[] = [];
  let link: { href: string; runs: TextRun[] } | null = null;
  const endLink = () => {
    if (link) children.push(new ExternalHyperlink({ link: link.href, children: link.runs }));
    link = null;
  };
  for (const node of nodes) {
    const href = linkOf(node);
    if (link && link.href !== href) endLink();
    const textRun = run(node, place, href !== null);
    if (!textRun) continue;
    if (href === null) {
      children.push(textRun);
      continue;
    }
    link ??= { href, runs: [] };
    link.runs.push(textRun);
  }
  endLink();
  return children;
}

function quoteOptions(place: Place): IParagraphOptions {
  if (place.quote === 0) return {};
  return {
    indent: { left: INDENT * place.quote },
    border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'A0A0A0', space: 12 } },
  };
}

function listDefinition(ctx: Context, ordered: boolean, start: number): string {
  const reference = ordered ? `numbered-from-${start}` : 'bullets';
  if (!ctx.numbering.has(reference)) {
    ctx.numbering.set(reference, {
      reference,
      levels: Array.from({ length: LIST_LEVELS }, (_, level) => ({
        level,
        format: ordered ? LevelFormat.DECIMAL : LevelFormat.BULLET,
        text: ordered ? `%${level + 1}.` : BULLETS[level % BULLETS.length],
        start: level === 0 ? start : 1,
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: { left: INDENT * (level + 1), hanging: INDENT / 2 } } },
      })),
    });
  }
  return reference;
}

function list(node: JSONContent, ctx: Context, place: Place, level: number): Block[] {
  const ordered = node.type === 'orderedList';
  const reference = listDefinition(ctx, ordered, Number(node.attrs?.['start'] ?? 1));
  const instance = ctx.nextInstance++;
  const wordLevel = Math.min(level, LIST_LEVELS - 1);
  return (node.content ?? []).flatMap((item) =>
    (item.content ?? []).flatMap((child, i): Block[] => {
      if (child.type === 'bulletList' || child.type === 'orderedList') return list(child, ctx, place, level + 1);
      if (child.type !== 'paragraph') return blocks([child], ctx, place);
      // The item's first paragraph carries the bullet or number; later ones line up with its text.
      return [
        new Paragraph({
          ...quoteOptions(place),
          children: inline(child.content ?? [], place),
          ...(i === 0
            ? { numbering: { reference, level: wordLevel, instance } }
            : { indent: { left: INDENT * (wordLevel + 1 + place.quote) } }),
        }),
      ];
    }),
  );
}

function table(node: JSONContent, ctx: Context, place: Place): Block[] {
  const rows = (node.content ?? []).filter((row) => (row.content ?? []).length > 0);
  if (rows.length === 0) return [];
  const columns = Math.max(...rows.map((row) => (row.content ?? []).reduce((sum, cell) => sum + Number(cell.attrs?.['colspan'] ?? 1), 0)));
  const tableRows = rows.map((row) => {
    const cells = row.content ?? [];
    const header = cells.every((cell) => cell.type === 'tableHeader');
    return new TableRow({
      tableHeader: header,
      children: cells.map((cell) => {
        const isHeader = cell.type === 'tableHeader';
        const children = blocks(cell.content ?? [], ctx, { quote: 0, bold: place.bold || isHeader });
        return new TableCell({
          children: children.length > 0 ? children : [new Paragraph({})],
          columnSpan: Number(cell.attrs?.['colspan'] ?? 1),
          rowSpan: Number(cell.attrs?.['rowspan'] ?? 1),
          ...(isHeader ? { shading: { type: ShadingType.CLEAR, fill: 'EEEEEE', color: 'auto' } } : {}),
        });
      }),
    });
  });
  return [
    new Table({
      rows: tableRows,
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: Array.from({ length: columns }, () => Math.floor(TEXT_WIDTH / columns)),
      borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
    }),
  ];
}

function blocks(nodes: JSONContent[], ctx: Context, place: Place): Block[] {
  return nodes.flatMap((node): Block[] => {
    const content = node.content ?? [];
    switch (node.type) {
      case 'paragraph':
        return [new Paragraph({ ...quoteOptions(place), children: inline(content, place) })];
      case 'heading': {
        const level = Number(node.attrs?.['level'] ?? 1);
        return [new Paragraph({ ...quoteOptions(place), heading: HEADINGS[level - 1], children: inline(content, place) })];
      }
      case 'blockquote':
        return blocks(content, ctx, { ...place, quote: place.quote + 1 });
      case 'bulletList':
      case 'orderedList':
        return list(node, ctx, place, 0);
      case 'table':
        return table(node, ctx, place);
      case 'horizontalRule':
        return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'A0A0A0', space: 1 } } })];
      default:
        return blocks(content, ctx, place);
    }
  });
}

export async function toDocx(json: JSONContent, { title }: DocxOptions): Promise<Buffer> {
  const ctx: Context = { numbering: new Map(), nextInstance: 0 };
  const children = blocks(safeDocument(json).content ?? [], ctx, { quote: 0, bold: false });
  const document = new Document({
    title,
    creator: 'Minga',
    numbering: { config: [...ctx.numbering.values()] },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
