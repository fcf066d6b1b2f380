/**
 * Hands text the page already holds to the browser as a downloaded file (a file the server gives out
 * only once cannot be fetched again by a plain link).
 */
export function saveTextFile(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its data once it started; the URL is freed a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
