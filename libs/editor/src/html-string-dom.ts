// Just enough of a DOM for ProseMirror's DOMSerializer to write HTML as a string, so HTML comes from the schema's own
// toDOM specs (what the browser editor renders) on the server too, without shipping a DOM implementation to the
// browser or depending on one in Node. Names are checked and all text and attribute values escaped here, once.

const VOID_ELEMENTS = new Set(['br', 'col', 'hr', 'img', 'wbr']);
const TAG_NAME = /^[a-z][a-z0-9]*$/i;
const ATTRIBUTE_NAME = /^[a-z_][a-z0-9_.-]*$/i;

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

interface HtmlNode {
  readonly nodeType: number;
  toHtml(): string;
}

class TextNode implements HtmlNode {
  readonly nodeType = 3;
  constructor(private readonly text: string) {}
  toHtml(): string {
    return escapeText(this.text);
  }
}

class ParentNode {
  protected readonly children: HtmlNode[] = [];
  appendChild<T extends HtmlNode>(child: T): T {
    this.children.push(child);
    return child;
  }
  protected childrenHtml(): string {
    return this.children.map((child) => child.toHtml()).join('');
  }
}

class FragmentNode extends ParentNode implements HtmlNode {
  readonly nodeType = 11;
  toHtml(): string {
    return this.childrenHtml();
  }
}

class ElementNode extends ParentNode implements HtmlNode {
  readonly nodeType = 1;
  private readonly attributes = new Map<string, string>();
  private readonly tagName: string;

  constructor(tagName: string) {
    super();
    if (!TAG_NAME.test(tagName)) throw new RangeError(`Refusing to render the tag name ${JSON.stringify(tagName)}`);
    this.tagName = tagName.toLowerCase();
  }

  setAttribute(name: string, value: unknown): void {
    if (!ATTRIBUTE_NAME.test(name)) throw new RangeError(`Refusing to render the attribute ${JSON.stringify(name)}`);
    this.attributes.set(name.toLowerCase(), String(value));
  }

  toHtml(): string {
    const attributes = [...this.attributes].map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('');
    const open = `<${this.tagName}${attributes}>`;
    return VOID_ELEMENTS.has(this.tagName) ? open : `${open}${this.childrenHtml()}</${this.tagName}>`;
  }
}

/** The document the serializer is handed; `serialize` turns what it built into HTML. */
export const htmlStringDocument = {
  createElement: (tagName: string) => new ElementNode(tagName),
  createElementNS: (namespace: string): never => {
    throw new RangeError(`Namespaced elements (${namespace}) are not part of the draft schema`);
  },
  createTextNode: (text: string) => new TextNode(text),
  createDocumentFragment: () => new FragmentNode(),
};

export function serialize(built: unknown): string {
  return (built as HtmlNode).toHtml();
}
