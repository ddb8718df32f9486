// Save a text as a file the browser downloads: a Blob behind an object URL, clicked
// through a temporary <a download>. Nothing leaves the browser, and nothing leaves this
// function without the redaction every preview uses (user:password@ in a URL).
import { redactCredentials } from './redact';

export function downloadText(filename: string, text: string, type = 'text/plain'): void {
  const blob = new Blob([redactCredentials(text)], { type: `${ type };charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');

  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  try {
    a.click();
  } finally {
    a.remove();
    // give the browser time to start the download before the URL goes
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

/** A file name part from a cluster name: lowercase letters, digits and dashes only. */
export function fileSlug(name: unknown): string {
  const s = typeof name === 'string' ? name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') : '';

  return s.slice(0, 60);
}
