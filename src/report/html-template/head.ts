// The <head> every self-contained page shares: offline-only content security policy, title, inline CSS.

/** `titleHtml` is already escaped. */
export function pageHead(titleHtml: string, css: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="generator" content="refresh-sim">
<title>${titleHtml}</title>
<style>${css}</style>
</head>`;
}
