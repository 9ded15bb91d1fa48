// Regular expressions built from word lists (lexicons, label sets, currency markers). Pure.

/** `text` with every character a RegExp gives a meaning to escaped, so that it matches only itself. */
export const escapeRegExp = (text: string): string => text.replace(/[$()*+.?[\\\]^{|}]/g, "\\$&");

/** A source matching any of `words`, longest first (so the longest wins at one place), a space matching any run of white space. */
export const wordsSource = (words: readonly string[]): string =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map((word) => escapeRegExp(word).replace(/ /g, "\\s+"))
    .join("|");
