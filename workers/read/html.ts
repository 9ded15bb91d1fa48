// HTML-only notices (Apple's 2025 receipts, Alipay mail) flattened to text in reading order:
// one line per block or table row, table cells separated by a tab. Pure and linear-time.
// A cell of a table row that stacks two lines ("label<br>value" in Apple's 2025 header grid, a bilingual header
// "交易日期<br>Transaction Date") reads as two cells, "label\tvalue"; a cell stacking more (an item's title, plan
// and renewal date) keeps them as lines, as a <br> elsewhere does.

// Elements whose content is never shown; comments likewise.
const DROPPED = new Set(["script", "style", "head", "title", "template", "noscript"]);
// Preheaders and other hidden text repeat or contradict the visible notice.
const HIDING = new Set(["div", "span", "td", "p", "table"]);
const HIDDEN_STYLE = /\bstyle\s*=\s*["'][^"']*(?:display\s*:\s*none|mso-hide\s*:\s*all)/i;
// Block elements start and end a line.
const BLOCKS = new Set(
  "p div br tr li ul ol table tbody thead tfoot h1 h2 h3 h4 h5 h6 section article header footer blockquote center dt dd".split(
    " ",
  ),
);
// Where a <br> was, until the lines are known: a tab inside a table row, a line break elsewhere (private use).
const BREAK_MARK = "\ue000";
const BREAKS = /[ ]*\ue000[\s\ue000]*/g;
const EDGE_BREAKS = /^[\s\ue000]+|[\s\ue000]+$/g;
// Outlook's HTML forwards separate the quoted notice with <hr>; its text rendering shows a "____" rule.
const RULE = "\n________________________________\n";
const ENTITY = /&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi;
const closing = new Map<string, RegExp>();

const NAMED: Record<string, string> = {
  nbsp: " ",
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  yen: "¥",
  euro: "€",
  pound: "£",
  cent: "¢",
  copy: "©",
  reg: "®",
  trade: "™",
  middot: "·",
  bull: "•",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  times: "×",
  zwnj: "",
  zwj: "",
  shy: "",
  ensp: " ",
  emsp: " ",
  thinsp: " ",
};

function decodeEntity(match: string, body: string): string {
  if (body[0] === "#") {
    const code = body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
  }
  return NAMED[body.toLowerCase()] ?? match;
}

/** Where the element opened by a tag ending at `from` closes (the index after its end tag), or -1. */
function closeOf(html: string, name: string, from: number): number {
  let pattern = closing.get(name);
  if (!pattern) {
    pattern = new RegExp(`</${name}\\s*>`, "gi");
    closing.set(name, pattern);
  }
  pattern.lastIndex = from;
  return pattern.exec(html) ? pattern.lastIndex : -1;
}

const isWordCode = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
const opensTag = (code: number) =>
  (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 47 || code === 33;

/**
 * The text a browser shows, one pass over the markup: hidden and non-content elements and comments dropped,
 * a line per block, a tab after each table cell, <br> marked until the lines are known, entities decoded.
 * A "<" that opens no tag (followed by a space, a digit…) is text, as a browser reads it.
 */
export function htmlToText(html: string): string {
  let out = "";
  let text = 0;
  // Ends searched for and not found: a later start cannot find them either, so no search runs twice to the end.
  const unclosed = new Set<string>();
  let at = html.indexOf("<");
  while (at !== -1) {
    const next = html.charCodeAt(at + 1);
    if (!opensTag(next)) {
      at = html.indexOf("<", at + 1);
      continue;
    }
    if (!unclosed.has("!--") && html.startsWith("<!--", at)) {
      const end = html.indexOf("-->", at + 4);
      if (end === -1) unclosed.add("!--");
      else {
        out += `${html.slice(text, at)} `;
        text = end + 3;
        at = html.indexOf("<", text);
        continue;
      }
    }
    const tagEnd = html.indexOf(">", at + 1);
    if (tagEnd === -1) break;
    const close = next === 47;
    let nameEnd = at + (close ? 2 : 1);
    while (nameEnd < tagEnd && isWordCode(html.charCodeAt(nameEnd))) nameEnd += 1;
    const name = html.slice(at + (close ? 2 : 1), nameEnd).toLowerCase();
    out += html.slice(text, at);
    text = tagEnd + 1;
    if (
      !close &&
      !unclosed.has(name) &&
      (DROPPED.has(name) || (HIDING.has(name) && HIDDEN_STYLE.test(html.slice(nameEnd, tagEnd))))
    ) {
      const end = closeOf(html, name, text);
      if (end === -1) unclosed.add(name);
      else {
        out += " ";
        text = end;
      }
    } else if (close && (name === "td" || name === "th") && !html.slice(nameEnd, tagEnd).trim()) out += "\t";
    else if (!close && name === "br") out += BREAK_MARK;
    else if (!close && name === "hr") out += RULE;
    else if (BLOCKS.has(name)) out += "\n";
    at = html.indexOf("<", text);
  }
  out += html.slice(text);
  const lines = normalizeLines(out.includes("&") ? out.replace(ENTITY, decodeEntity) : out);
  return lines.includes(BREAK_MARK) ? placeBreaks(lines) : lines;
}

/** Each <br>'s mark as a cell break in a two-line cell of a table row (a line holding a tab), else a line break. */
function placeBreaks(text: string): string {
  const placed = text
    .split("\n")
    .map((line) => {
      if (!line.includes(BREAK_MARK)) return line;
      if (!line.includes("\t")) return line.replace(BREAKS, "\n");
      return line
        .split("\t")
        .map((cell) => {
          const inner = cell.replace(EDGE_BREAKS, "");
          const breaks = inner.match(BREAKS)?.length ?? 0;
          return inner.replace(BREAKS, breaks === 1 ? "\t" : "\n");
        })
        .join("\t");
    })
    .join("\n");
  // A mark beside a cell end or at a line's end leaves an empty cell or line: fold them as normalizeLines does.
  return normalizeLines(placed);
}

// A whitespace run (zero-width characters count as part of one) that normalising changes: any run of two
// or more, or a lone character other than a space, "\n" or "\t" that is dropped or rewritten. A lone space,
// line break or tab is already what it would become, so skipping those skips most of the text's runs.
const CHANGED_RUN = /[\s\u200b-\u200d\u2060]{2,}|[\u200b-\u200d\u2060\ufeff\u00a0\u3000\r]/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
const SPACE_RUN = /[ \u00a0\u3000]+/g;

/** What one whitespace run becomes: "\n" if it holds a line break, else "\t" if it holds a tab, else its spaces folded. */
function normalizeRun(run: string): string {
  if (run.includes("\n") || run.includes("\r")) return "\n";
  if (run.includes("\t")) return "\t";
  // Other whitespace (em spaces, line separators…) is kept as it is; only spaces, no-break and ideographic spaces fold.
  return run.replace(ZERO_WIDTH, "").replace(SPACE_RUN, " ");
}

/** Trims each line, folds runs of spaces, keeps single tabs between cells, drops empty lines. */
export function normalizeLines(text: string): string {
  // One pass over the whole text rather than line by line (split/map/filter per line was the largest cost of
  // reading after the MIME parse itself), and rather than one pass per rule. Per cell the result is the same:
  // zero-width characters gone, space runs folded, each cell trimmed; a whitespace run holding a line break is
  // one "\n" (empty cells and lines vanish into it), one holding a tab is one "\t" (empty cells vanish), and
  // the ends are trimmed.
  return text.replace(CHANGED_RUN, normalizeRun).trim();
}
