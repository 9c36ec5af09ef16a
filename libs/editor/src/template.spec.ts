import { Node } from '@tiptap/pm/model';
import { editorSchema } from './extensions';
import { outlineOf } from './outline';
import { templateDocument } from './template';

describe('templateDocument', () => {
  const sections = [
    { heading: 'Purpose', paragraphs: ['Why the City adopts this policy.', 'What it expects.'] },
    { heading: 'Definitions', paragraphs: [] },
  ];

  it('starts with the title as h1, then each section as an h2 and its paragraphs', () => {
    expect(templateDocument('Privacy Impact Assessment', sections)).toEqual({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Privacy Impact Assessment' }] },
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Purpose' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Why the City adopts this policy.' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'What it expects.' }] },
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Definitions' }] },
      ],
    });
  });

  it('is a valid document of the editor schema, even with empty strings', () => {
    const json = templateDocument('', [{ heading: '', paragraphs: [''] }]);
    expect(() => Node.fromJSON(editorSchema, json).check()).not.toThrow();
    expect(outlineOf(json).map((entry) => entry.level)).toEqual([1, 2]);
  });
});
