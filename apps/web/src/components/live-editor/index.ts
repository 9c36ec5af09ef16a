// The live, co-edited document editor that drafts and meeting notes share; its inner parts stay private.
export { LiveEditor, type LiveEditorContext } from './live-editor';
export { SaveStateIndicator } from './save-state-indicator';
