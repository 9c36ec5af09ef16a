import { Extension } from '@tiptap/core';

/**
 * Control+Home and Control+End go to the start and the end of the document, as in a word processor. Left to the
 * browser on the editor's contenteditable, Chromium kept the caret where it was, so a keyboard user's new
 * paragraph landed in the middle of the text.
 */
export const DocumentEdgeKeys = Extension.create({
  name: 'documentEdgeKeys',
  addKeyboardShortcuts() {
    return {
      'Mod-Home': ({ editor }) => editor.commands.focus('start'),
      'Mod-End': ({ editor }) => editor.commands.focus('end'),
    };
  },
});
