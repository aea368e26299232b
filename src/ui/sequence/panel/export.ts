/** Downloads text as a file through a same-origin blob: URL. */
export function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own reference; release ours once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** `sequence-op3-kubectl-apply-f-web-yaml.mmd` */
export function exportName(opId: number, command: string, ext: 'mmd' | 'svg'): string {
  const slug = command.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48);
  return `sequence-op${opId}${slug ? `-${slug}` : ''}.${ext}`;
}
