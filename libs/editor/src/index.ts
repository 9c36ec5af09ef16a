// The editor schema shared by the web app and the API, and what the API makes of a draft. The DOCX export is a
// separate entry point, @minga/editor/docx, so the web bundle does not carry the docx package.
export * from './extensions';
export * from './yjs-conversion';
export * from './export-html';
export * from './export-markdown';
export * from './export-text';
export * from './outline';
export * from './template';
export * from './link-safety';
export * from './comment-anchors';
export * from './comment-markdown';
export * from './update-shape';
