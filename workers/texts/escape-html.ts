// Text into HTML outside JSX (which escapes by itself): the e-mail body, the /docs page, bare refusal pages.

/** `value` as text safe inside HTML elements and quoted attributes: & < > " ' become numeric references. */
export const escapeHtml = (value: unknown): string =>
  String(value).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
