// Copies a text to the clipboard and says so in a polite live region.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './copy-button.css';

export function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setResult('copied');
    } catch {
      // Clipboard access needs a secure context and permission; the text stays selectable either way.
      setResult('failed');
    }
  }

  return (
    <span className="copy-button">
      <button type="button" className="button button--secondary" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="copy-button-status">
        {result === 'copied' && t('common.copied')}
        {result === 'failed' && t('common.copyFailed')}
      </span>
    </span>
  );
}
