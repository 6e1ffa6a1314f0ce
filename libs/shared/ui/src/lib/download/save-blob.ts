/**
 * Saves a blob as a file through a temporary object URL, revoked `revokeAfterMs` after the click
 * (0: at the next turn of the event loop).
 */
export function saveBlob(document: Document, filename: string, blob: Blob, revokeAfterMs = 0): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), revokeAfterMs);
}

/** Saves JSON (indented by two spaces) as a file through a temporary object URL. */
export function downloadJson(document: Document, filename: string, data: unknown): void {
  saveBlob(document, filename, new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
}
