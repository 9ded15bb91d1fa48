// Merchant names as statements write them ("财付通-爱奇艺", "SPOTIFY AB", "北京爱奇艺科技有限公司") reduced to
// the brand a user would type, so a notice and a membership's aliases can be compared as plain strings.

// Payment-channel prefixes that wrap the real payee. A separator is required after the Chinese ones,
// so a brand that merely starts with the same word ("微信读书") keeps its name.
const CHANNEL_PREFIX =
  /^(?:(?:财付通|支付宝(?:\(中国\))?|微信支付|微信|美团支付|京东支付|云闪付)\s*[-—–_:·]\s*|(?:paypal|pp|google|sq)\s*\*\s*|apple\.com\/bill\b\s*)/u;

// Latin company forms count only as a separate word ("Spotify AB", "Dropbox, Inc."), never as the end
// of a brand ("Grab" must not lose its "ab").
const LATIN_COMPANY_SUFFIX =
  /[\s,]+(?:inc|llc|ltd|limited|gmbh|ab|s\.a|b\.v|co|corp|corporation|pte)\.?$|\.(?:com|net|cn)(?:\.cn)?$/u;

// Chinese legal forms and sector words that registered names add after the brand.
const CJK_COMPANY_SUFFIX = /(?:股份有限公司|有限责任公司|有限公司|科技|网络|信息技术|文化传媒)$/u;

// Registered names start with the city of registration ("北京爱奇艺…", "深圳市腾讯…").
const CITY_PREFIX = /^(?:北京|上海|深圳|杭州|广州)市?/u;

const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
// Everything that is not a letter, digit or combining mark: spaces, 【】（）「」“”·.-_/,，。：: and the rest.
const NON_WORD = /[^\p{L}\p{N}\p{M}]+/gu;

const MAX_LENGTH = 160;
// Characters NFKC never changes, alone or next to each other (checked over every code point in the ranges).
// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range, control characters included.
const NFKC_STABLE = /^[\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff]*$/;

const STRIPPERS: RegExp[] = [CHANNEL_PREFIX, LATIN_COMPANY_SUFFIX, CJK_COMPANY_SUFFIX, CITY_PREFIX];
// Matches exactly where one of STRIPPERS does (each keeps its own anchors inside the alternation).
const ANY_STRIPPER = new RegExp(STRIPPERS.map((stripper) => `(?:${stripper.source})`).join("|"), "u");
const ALPHANUMERIC = /^[A-Za-z0-9]+$/;

// Non-global twins that only ask whether the replace would change anything.
const HAS_EDGE_PUNCTUATION = /^[^\p{L}\p{N}]|[^\p{L}\p{N}]$/u;
const HAS_NON_WORD = /[^\p{L}\p{N}\p{M}]/u;

function trimEdges(text: string): string {
  return HAS_EDGE_PUNCTUATION.test(text) ? text.replace(EDGE_PUNCTUATION, "") : text;
}

/**
 * The comparable form of a merchant name: NFKC (full-width → half-width), lower case, channel prefixes,
 * company suffixes and city prefixes removed (repeatedly, as they nest), then punctuation and spaces
 * removed. Never empty: a name that is all prefix or suffix falls back to its lower-cased self.
 */
export function normalizeMerchant(name: string): string {
  // Real payee names are short; the cap keeps the end-anchored patterns linear on a runaway input.
  const capped = name.slice(0, MAX_LENGTH);
  // Letters and digits only ("Netflix", "iQIYI"): no prefix, suffix or punctuation can be there to strip
  // (each needs a separator, a dot or CJK), so the answer is the lower-cased name.
  if (ALPHANUMERIC.test(capped)) return capped.toLowerCase();
  // NFKC leaves ASCII and CJK unified ideographs as they are, and most names are only those: skip the
  // costly ICU call for them.
  const lowered = foldCase(capped).trim();
  let current = trimEdges(lowered);
  // One pass over all the strippers first: most names carry none of them.
  let changed = ANY_STRIPPER.test(current);
  while (changed) {
    changed = false;
    for (const stripper of STRIPPERS) {
      // current is already edge-trimmed (the trim is idempotent), so a stripper that does not match
      // would change nothing: test first, which is far cheaper than two replaces.
      if (!stripper.test(current)) continue;
      const next = trimEdges(current.replace(stripper, ""));
      // Stripping everything would lose the only clue we have ("上海科技" is a name, not a suffix).
      if (next !== current && next.length > 0) {
        current = next;
        changed = true;
      }
    }
  }
  const compact = withoutPunctuation(current);
  return compact.length > 0 ? compact : lowered;
}

/** NFKC (full-width → half-width) and lower case; the costly ICU call skipped where NFKC would change nothing. */
export function foldCase(text: string): string {
  return (NFKC_STABLE.test(text) ? text : text.normalize("NFKC")).toLowerCase();
}

/** Only the letters, digits and marks of `text`: no spaces or punctuation (a global Unicode replace only if needed). */
export function withoutPunctuation(text: string): string {
  return HAS_NON_WORD.test(text) ? text.replace(NON_WORD, "") : text;
}

const CJK_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/**
 * Whether a normalised name is long enough to be trusted inside another one: two CJK characters
 * ("爱奇艺" in "爱奇艺体育") say as much as four Latin ones ("kkbox"); "qq" or "hbo" alone say too little.
 */
export function isDistinctive(normalized: string): boolean {
  const cjk = normalized.match(CJK_CHARACTER)?.length ?? 0;
  return cjk >= 2 || [...normalized].length - cjk >= 4;
}
