/** Small HTML builders for the pages the protocol answers with; every value is escaped. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A value as a JavaScript literal safe inside a <script> element. */
export function scriptValue(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function page(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n${body}\n</body></html>\n`;
}

/** A page that POSTs `fields` to `action` as soon as it loads (with a button when scripts are off). */
export function autoPostPage(action: string, fields: Record<string, string>, title: string): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  return page(
    title,
    `<form id="lti-post" method="post" action="${escapeHtml(action)}">\n${inputs}\n<noscript><button type="submit">Continue</button></noscript>\n</form>\n<script>document.getElementById('lti-post').submit();</script>`,
  );
}
