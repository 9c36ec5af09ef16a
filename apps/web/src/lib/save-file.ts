// Hands a blob to the browser as a download; files that need the access token are fetched first, then saved from here.

/** Revoked later, not at once: a slow disk may still be reading the blob when the click returns. */
const REVOKE_AFTER_MS = 30_000;

export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
