/** Saves `blob` as a file the browser downloads under `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}

/** A scenario name made safe for a file name ("Orders and payments" → "Orders-and-payments"). */
export function fileSlug(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '') || 'scenario';
}
