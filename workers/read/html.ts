// HTML-only notices (Apple's 2025 receipts, Alipay mail) flattened to text in reading order:
// one line per block or table row, table cells separated by a tab. Pure and linear-time.

const DROP = /<(script|style|head|title|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;
// Preheaders and other hidden text repeat or contradict the visible notice.
const HIDDEN =
  /<(div|span|td|p|table)\b[^>]*style\s*=\s*["'][^"']*(display\s*:\s*none|mso-hide\s*:\s*all)[^"']*["'][^>]*>[\s\S]*?<\/\1\s*>/gi;
const CELL_END = /<\/(td|th)\s*>/gi;
// Outlook's HTML forwards separate the quoted notice with <hr>; its text rendering shows a "____" rule.
const RULE = /<hr\b[^>]*>/gi;
const BLOCK =
  /<\/?(p|div|br|tr|li|ul|ol|table|tbody|thead|tfoot|h[1-6]|section|article|header|footer|blockquote|center|dt|dd)\b[^>]*>/gi;
const TAG = /<[^>]*>/g;
const ENTITY = /&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi;

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

export function htmlToText(html: string): string {
  const text = html
    .replace(DROP, " ")
    .replace(HIDDEN, " ")
    .replace(CELL_END, "\t")
    .replace(RULE, "\n________________________________\n")
    .replace(BLOCK, "\n")
    .replace(TAG, "")
    .replace(ENTITY, decodeEntity);
  return normalizeLines(text);
}

/** Trims each line, folds runs of spaces, keeps single tabs between cells, drops empty lines. */
export function normalizeLines(text: string): string {
  const lines: string[] = [];
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const cells = line
      .replace(/\u200b|\u200c|\u200d|\u2060|\ufeff/g, "")
      .split("\t")
      .map((cell) => cell.replace(/[ \u00a0\u3000]+/g, " ").trim())
      .filter((cell) => cell.length > 0);
    if (cells.length > 0) lines.push(cells.join("\t"));
  }
  return lines.join("\n");
}
