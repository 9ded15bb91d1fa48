// Regular expressions built from word lists (lexicons, label sets, currency markers). Pure.

/** `text` with every character a RegExp gives a meaning to escaped, so that it matches only itself. */
export const escapeRegExp = (text: string): string => text.replace(/[$()*+.?[\\\]^{|}]/g, "\\$&");
