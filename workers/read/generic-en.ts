// English (and other Latin-script) notices: the careful generic reader and non-payment detector, plus the
// small reading helpers that the store readers (apple, google-play, paypal, stripe) share. Pure.

import { type FoundMoney, findMoney } from "./amounts";
import { AnchoredRegExp } from "./anchored";
import { type DateContext, dayInstant, findCalendarDate, findDateTime, numericOrder } from "./dates";
import type { EventKind, ExtractedEvent, Extractor, Notice, PaymentChannel } from "./types";

// ---------------------------------------------------------------------------------------------------
// Shared reading helpers for English notices
// ---------------------------------------------------------------------------------------------------

/** The notice's own time when the text states none: its Date header / SMS timestamp, else receipt. */
export function noticeInstant(notice: Notice): string {
  return new Date(notice.sentAt ?? notice.receivedAt).toISOString();
}

const TIME_OF_DAY = /\d{1,2}:\d{2}|\b\d{1,2}\s*[ap]\.?m\.?(?![a-z])/i;

// A slashed numeric date with a year (03/04/2026, 15/03/2027), for telling which order a notice writes them in.
const SLASHED_DATE = /(?<![\d./])(\d{1,2})\/(\d{1,2})\/\d{4}(?!\d)/g;
// Currencies of countries that write the day first (en-GB, en-AU, en-NZ, en-SG, en-IN, en-IE, en-ZA, Europe).
const DAY_FIRST_CURRENCIES = new Set([
  "GBP",
  "EUR",
  "AUD",
  "NZD",
  "SGD",
  "INR",
  "ZAR",
  "HKD",
  "CHF",
  "SEK",
  "NOK",
  "DKK",
]);

/**
 * Whether the notice writes numeric dates day first: as its unambiguous ones show (15/03/2026 or 04/15/2026), else as
 * the country of its currency does (£, €, A$, S$ day first; US$ month first); undefined when nothing tells.
 */
export function writesDayFirst(notice: Notice): boolean | undefined {
  const text = notice.text;
  SLASHED_DATE.lastIndex = 0;
  for (let match = SLASHED_DATE.exec(text); match; match = SLASHED_DATE.exec(text)) {
    const order = numericOrder("/", Number(match[1]), Number(match[2]));
    if (order !== undefined) return order;
  }
  const currency = findMoney(text)[0]?.currency;
  if (currency === "USD") return false;
  return currency && DAY_FIRST_CURRENCIES.has(currency) ? true : undefined;
}

/** How dates in `snippet` are read for `notice`: in UTC, a numeric one in the order the notice writes them. */
function dateContext(snippet: string, notice: Notice): DateContext {
  const context: DateContext = { receivedAt: notice.receivedAt, timeZone: "UTC" };
  // Only a slashed date needs the order, and finding it reads the whole notice.
  return snippet.includes("/") ? { ...context, dayFirst: writesDayFirst(notice) } : context;
}

/** The first date (and time) in `snippet` as an instant, or null. */
export function instantIn(snippet: string, notice: Notice): string | null {
  const found = findDateTime(snippet, dateContext(snippet, notice));
  if (!found) return null;
  if (TIME_OF_DAY.test(snippet)) return found;
  // A date without a time is a calendar day, not an instant (dayInstant says which instant stands for it).
  return dayInstant(found.slice(0, 10), notice.sentAt ?? notice.receivedAt);
}

/** The first calendar date in `snippet` (YYYY-MM-DD), a year-less one read forward from receipt. */
export function calendarDateIn(snippet: string, notice: Notice): string | null {
  return findCalendarDate(snippet, dateContext(snippet, notice));
}

/**
 * The first calendar date within `window` characters after a match of `cue` (a global regex), trying
 * each match in turn: "Renews May 20, 2025", "next payment: 3 March 2026".
 */
export function dateAfterCue(text: string, cue: RegExp, notice: Notice, window = 30): string | null {
  cue.lastIndex = 0;
  for (let match = cue.exec(text); match; match = cue.exec(text)) {
    const start = match.index + match[0].length;
    const date = calendarDateIn(text.slice(start, start + window), notice);
    if (date) return date;
    // A zero-length match would find itself again forever.
    if (cue.lastIndex === match.index) cue.lastIndex += 1;
  }
  return null;
}

export interface LabelOptions {
  /** The label must start a line (or a table cell), e.g. "Merchant" but not "…to merchant". */
  lineStart?: boolean;
  caseSensitive?: boolean;
  /** A global regex, for walking every occurrence with lastIndex. */
  global?: boolean;
}

/**
 * A label as it appears in flattened notices: "Transaction ID", "*Transaction ID*" (Gmail's rendering of
 * bold), "Transaction\nID" (a label wrapped over two lines), then an optional ":" / "：" / "#".
 * `label` is a regex source; spaces in it match any run of whitespace.
 */
export function label(source: string, options: LabelOptions = {}): RegExp {
  const words = source.replace(/ /g, "[\\s*]+");
  const flags = `${options.caseSensitive ? "m" : "im"}${options.global ? "g" : ""}`;
  // Both kinds open with what V8 tries at every position (a line start or cell break, a lookbehind, optional
  // spaces and stars): searched from the candidates of the words alone, each with the starts its lead
  // allows (see anchored.ts). Scanning with the lead took two to ten times as long.
  const tail = `\\**[ \\t]*[:：#]?`;
  if (options.lineStart) {
    return new AnchoredRegExp(`(?:^|[\\n\\t|])[ *]*(?:${words})${tail}`, flags, `(?:${words})`, {
      chars: " *",
      before: 1,
    });
  }
  return new AnchoredRegExp(`(?:^|(?<=[\\s|*(>]))\\**(?:${words})${tail}`, flags, `(?:${words})`, {
    chars: "*",
    before: 0,
  });
}

const VALUE = /^[\s|*:：]*([^\n\t|]+)/;

/** The value written after a label: the rest of its line, or the next line / table cell. */
export function valueAfter(text: string, labelPattern: RegExp): string | null {
  const match = labelPattern.exec(text);
  if (!match) return null;
  const start = match.index + match[0].length;
  const value = VALUE.exec(text.slice(start, start + 400))?.[1]
    ?.replace(/\*+$/, "")
    .trim();
  return value || null;
}

/** Where the text after a label starts, or -1. */
export function indexAfter(text: string, labelPattern: RegExp): number {
  const match = labelPattern.exec(text);
  return match ? match.index + match[0].length : -1;
}

// Figures that are never the amount charged (conventions: Subtotal, Tax, Balance…).
const NOT_THE_AMOUNT =
  /(?:sub-?\s?total|\btax(?:es)?|\bvat|\bgst|balance|discount|credit|savings?|\bsave|\bwas|\bold|\bfrom|\bbefore|\bcoupon|\bpromo)\W{0,12}$/i;

/** Every amount in `text` (findMoney already lets a written ISO code beat "$": "$10.99 CAD" is CAD). */
export function amountsIn(text: string): FoundMoney[] {
  return findMoney(text);
}

/** The first amount written within `window` characters after a label, or null. */
export function amountAfter(text: string, labelPattern: RegExp, window = 60): FoundMoney | null {
  const start = indexAfter(text, labelPattern);
  if (start < 0) return null;
  const slice = text.slice(start, start + window);
  const found = findMoney(slice)[0];
  return found ? { ...found, index: found.index + start } : null;
}

/** The first amount in `text` that is not a subtotal, tax, balance or discount figure. */
export function firstChargedAmount(text: string, from = 0): FoundMoney | null {
  for (const found of amountsIn(text)) {
    if (found.index < from) continue;
    const before = text.slice(Math.max(0, found.index - 30), found.index);
    if (NOT_THE_AMOUNT.test(before)) continue;
    return found;
  }
  return null;
}

export function moneyFields(found: FoundMoney | null): Pick<ExtractedEvent, "amount_minor" | "currency"> {
  return found
    ? { amount_minor: found.amount_minor, currency: found.currency }
    : { amount_minor: null, currency: null };
}

// After a card word a single star or x may mark the hidden digits: "tarjeta de credito *2296", "Karte *5678".
const CARD_TAIL =
  /(?:\bending(?:\s+(?:in|with))?|\blast\s+(?:4|four)(?:\s+digits)?|\bx-|[•*·xX.]{2,}|\b(?:visa|mastercard|master card|amex|american express|discover|jcb|unionpay|maestro|diners(?: club)?|(?:credit|debit) card|card|tarjeta|carte|carta|(?:kredit|debit|bank|giro)?karte)(?:\s+(?:de|di|bancaire|cr[ée]dito|d[ée]bito|credit|d[ée]bit|prepagata|prepago))*\s*(?:[-–—:]|no\.?|[*•·xX])?)\s*(\d{4})\b/i;

/** The last 4 digits of a card written in `text` ("Visa •••• 4242", "ending in 4242", "x-4242"). */
export function cardTailIn(text: string): string | null {
  return CARD_TAIL.exec(text)?.[1] ?? null;
}

const CARD_WORDS =
  /\b(?:visa|mastercard|master card|amex|american express|discover|jcb|unionpay|maestro|diners|credit card|debit card)\b/i;

export function mentionsCard(text: string): boolean {
  return CARD_WORDS.test(text);
}

/** A merchant name as written: trimmed, without brackets, quotes or a sentence's closing period. */
export function cleanMerchant(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let name = raw
    .replace(/[\u200b-\u200d\ufeff]/g, "")
    .replace(/^[\s"'“”‘’*|]+|[\s"'“”‘’*:：,;|]+$/g, "")
    .replace(/\s+/g, " ")
    .trim();
  // Brackets around the whole name go ("【财付通-滴滴出行】"); a name's own "(Tier 2)" stays.
  const wrapped = /^[【[(（](.*)[】\])）]$/.exec(name);
  if (wrapped?.[1] && !/[【[(（】\])）]/.test(wrapped[1])) name = wrapped[1].trim();
  name = name.replace(/^[【[(（]+(?=[^】\])）]*$)/, "").replace(/(?<=^[^【[(（]*)[】\])）]+$/, "");
  // "Spotify AB." ends a sentence, "Example, Inc." is the company's name.
  if (
    name.endsWith(".") &&
    !/\b(?:inc|ltd|co|corp|llc|l\.l\.c|plc|s\.a|b\.v|n\.v|s\.r\.l|r\.l|s\.p\.a|s\.l|pty|gmbh|ag|sa|bv|jr|sr)\.$/i.test(
      name,
    )
  ) {
    name = name.slice(0, -1).trim();
  }
  return name.length > 0 && name.length <= 120 ? name : null;
}

export interface EventFields {
  kind: EventKind;
  found?: FoundMoney | null;
  merchant?: string | null;
  occurred_at?: string | null;
  reference?: string | null;
  card_tail?: string | null;
  channel?: PaymentChannel | null;
  renews_at?: string | null;
  /** The payee's legal company, when the notice names it besides the service. */
  merchant_legal?: string | null;
}

/** An event with the conventions' defaults: no amount → no currency; no date → the notice's own time. */
export function englishEvent(notice: Notice, fields: EventFields): ExtractedEvent {
  const money = fields.kind === "other" ? moneyFields(null) : moneyFields(fields.found ?? null);
  return {
    kind: fields.kind,
    ...money,
    merchant: fields.kind === "other" ? null : cleanMerchant(fields.merchant),
    occurred_at: fields.occurred_at ?? noticeInstant(notice),
    reference: fields.kind === "other" ? null : (fields.reference ?? null),
    card_tail: fields.kind === "other" ? null : (fields.card_tail ?? null),
    channel: fields.kind === "other" ? null : (fields.channel ?? null),
    renews_at: fields.kind === "other" ? null : (fields.renews_at ?? null),
    ...(fields.merchant_legal && fields.kind !== "other" && { merchant_legal: fields.merchant_legal }),
  };
}

/** A bare "other" event: the notice is not a payment. */
export function otherEnglishEvent(notice: Notice): ExtractedEvent {
  return englishEvent(notice, { kind: "other" });
}

// A company name as registered: capitalised words (and the small words between them) up to a legal form
// ("Paddle.com Market Ltd", "The Walt Disney Company (Benelux) B.V.", "Bank of America Corporation").
const COMPANY =
  "([A-Z][\\w&.'’()-]*(?:[ ,]+(?:[A-Z0-9(&][\\w&.'’()-]*|of|and|de|du|des|la|le|et|und|y|e|di|del|van|der)){0,7}?[ ,]+(?:Ltd|Limited|LLC|L\\.L\\.C\\.|Inc|Corp|Corporation|GmbH|AG|AB|ASA|A/S|ApS|Oy|B\\.V\\.|BV|N\\.V\\.|S\\.A\\.|SA|SAS|SARL|S\\.à r\\.l\\.|S\\.à\\.r\\.l\\.|S\\.r\\.l\\.|Srl|S\\.L\\.|SL|S\\.p\\.A\\.|SpA|plc|PLC|Pty Ltd|KG|SE)\\.?)(?![\\w])";
// Where a notice says who sells, besides the service it names: a merchant of record (Paddle, FastSpring), the
// company that provides the service ("un service proposé par …", "Anbieter: …"), the seller ("sold by …").
const LEGAL_PAYEE = [
  new RegExp(
    `(?<=^|[.!?]\\s+|\\n)${COMPANY}\\s+(?:is|acts as) (?:the |our )?(?:authori[sz]ed reseller and )?merchant of record`,
  ),
  new RegExp(
    `\\b(?:merchant of record(?: for this (?:order|purchase))? is|sold by|(?:is|are) (?:provided|operated|sold) by|service (?:proposé|fourni|édité|exploité) par|vendu par|(?:Anbieter|Vertragspartner|Verkäufer)(?: ist)?:?|angeboten von|bereitgestellt von|servicio (?:ofrecido|prestado|proporcionado) por|vendido por|servizio (?:offerto|fornito|erogato) da|venduto da)\\s+${COMPANY}`,
  ),
  // "Votre contrat est conclu avec la Société éditrice du Monde, SA au capital…": the contracting party, up to its
  // legal form or the sentence's end (its words need not be capitalised).
  /\b(?:contrat (?:est )?(?:conclu|souscrit) (?:avec|auprès de)|contrato (?:se )?(?:celebra|suscribe|formaliza) con|contratto (?:è )?(?:stipulato|concluso) con|Vertrag (?:kommt )?(?:mit|zustande mit))\s+(?:la |le |l['’]|el |il |lo |der |dem )?([A-ZÀ-Ý][^\n,;:.]{2,60}?)(?=\s*[,.;:\n]|\s+au capital\b|$)/,
];

/** The legal company a notice names as the seller of `merchant`'s service, when it is not the merchant itself. */
export function legalPayeeIn(text: string, merchant: string | null): string | null {
  for (const pattern of LEGAL_PAYEE) {
    const name = cleanMerchant(pattern.exec(text)?.[1]);
    if (name && name !== merchant) return name;
  }
  return null;
}

// The new price a price change announces, in any of the reader's languages: labelled ("New price: $99.99/year",
// "Nuovo prezzo: 7,99 €"), or the second of "from {old} to {new}" ("da 12,99 €/mese a 13,99 €/mese", "von 9,99 €
// auf 11,99 €", "de 9,99 € à 11,99 €").
const NEW_PRICE_LABEL = label(
  "(?:your )?new (?:monthly |annual |yearly |subscription )?(?:price|rate|fee)|neue[rn]? (?:Monats|Jahres|Mitglieds)?(?:preis|beitrag|gebühr)|nouveau (?:prix|tarif)|nouvelle cotisation|nuevo precio|nueva cuota|nuovo prezzo|nuova quota|nieuwe prijs|novo preço|nowa cena",
  { global: true },
);
const FROM_TO = /^(?:\s*(?:\/|per|pro|par|al|a)\s*[\p{L}.]+)?\s*(?:to|auf|zu|à|a|naar|till|para)\s+$/iu;
// "{new} statt {old}", "{new} au lieu de {old}", "219 kr per månad (tidigare 199 kr)": the first of the two.
const INSTEAD_OF =
  /^(?:\s*(?:\/|per|pro|par|al|a)\s*[\p{L}.]+)?\s*\(?(?:instead of|previously|statt|anstatt|anstelle von|bisher|au lieu de|en lugar de|en vez de|invece di|anziché|voorheen|tidigare|tidligere)\s+$/iu;
// "will increase to $11.99", "erhöht sich auf 13,99 €", "passera à 13,49 €", "pasará a", "passerà a".
const RISES_TO =
  /\b(?:(?:increase|change|rise|go up|move)[sd]?|increasing|changing|rising|going up|will be|erhöht sich|steigt|ändert sich|passera|augmentera|pasará|subirá|passerà|aumenterà)\s+(?:to|auf|à|a)\s*$/i;

// The price a plan goes on at after an introductory one: "1 € le premier mois, puis 11,99 €/mois", "$1.00 for your
// first month, then $9.99/month", "danach 7,99 €", "luego 9,99 €", "poi 9,99 €".
const THEN_PRICE =
  /(?<!\p{L})(?:then|thereafter|after that|puis|ensuite|danach|dann|anschließend|luego|después|despues|poi|successivamente|in seguito)(?!\p{L})[\s:,]*(?:(?:at|for|à|a|zu|für|por|per|pour|de)\s+)?$/iu;

/** The price written just after "then" / "puis" / "danach"…: what a plan costs once its introductory price ends. */
export function thenPriceIn(text: string): FoundMoney | null {
  for (const money of findMoney(text)) {
    if (THEN_PRICE.test(text.slice(Math.max(0, money.index - 30), money.index))) return money;
  }
  return null;
}

/**
 * The figure in the cell below the one at `at`, when that cell heads a table's column ("Bisheriger Beitrag | Neuer
 * Beitrag ab 01.05.2026" over "69,00 € | 79,00 €"): the new price is the one under its header, not the first after it.
 */
function underHeader(text: string, at: number): FoundMoney | null {
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  const lineEnd = text.indexOf("\n", at);
  if (lineEnd < 0 || !text.slice(lineStart, lineEnd).includes("\t")) return null;
  const column = text.slice(lineStart, at).split("\t").length - 1;
  const nextEnd = text.indexOf("\n", lineEnd + 1);
  const below = text.slice(lineEnd + 1, nextEnd < 0 ? undefined : nextEnd).split("\t");
  const cell = below[column];
  if (cell === undefined || below.length < 2) return null;
  const found = findMoney(cell)[0];
  if (!found) return null;
  const cellStart = lineEnd + 1 + below.slice(0, column).reduce((sum, before) => sum + before.length + 1, 0);
  return { ...found, index: found.index + cellStart };
}

/** The new price a price change names in `text`; `found` its amounts when the caller reads more currencies ("kr"). */
export function newPriceIn(text: string, found?: FoundMoney[]): FoundMoney | null {
  NEW_PRICE_LABEL.lastIndex = 0;
  for (let match = NEW_PRICE_LABEL.exec(text); match; match = NEW_PRICE_LABEL.exec(text)) {
    const start = match.index + match[0].length;
    const headed = underHeader(text, start);
    if (headed) return headed;
    const labelled = findMoney(text.slice(start, start + 40))[0];
    if (labelled) return { ...labelled, index: labelled.index + start };
  }
  const amounts = found ?? findMoney(text);
  for (let index = 0; index < amounts.length; index += 1) {
    const money = amounts[index] as FoundMoney;
    if (RISES_TO.test(text.slice(Math.max(0, money.index - 30), money.index))) return money;
    const next = amounts[index + 1];
    if (!next) break;
    const between = text.slice(money.index + money.raw.length, next.index);
    if (between.length > 24) continue;
    if (FROM_TO.test(between)) return next;
    if (INSTEAD_OF.test(between)) return money;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// The generic reader
// ---------------------------------------------------------------------------------------------------

// CJK: U+3040–30FF (kana), U+3400–9FFF (ideographs), U+AC00–D7AF (Hangul); Latin: A–Z, a–z, U+00C0–024F.

/** True when the notice is written mostly in Latin script (English, Bahasa, Spanish, German…). */
export function isLatinScript(text: string): boolean {
  // Counted code unit by code unit over the first 3000: match() built arrays of thousands of one-letter
  // strings only to read their length.
  const end = Math.min(text.length, 3000);
  let cjk = 0;
  let latin = 0;
  for (let i = 0; i < end; i += 1) {
    const c = text.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f)) latin += 1;
    else if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af)) cjk += 1;
  }
  return latin >= 8 && cjk * 4 < latin;
}

// --- what the notice says happened -----------------------------------------------------------------

const ONE_TIME_CODE =
  /\b(?:verification|security|login|log-in|sign-in|one[- ]time|authentication|access|2fa|two[- ]factor|confirmation)\s+(?:code|pin|passcode)\b|\b(?:OTP|passcode)\b|\byour code is\b|\b\d{4,8} is your\b|\bcode to (?:verify|sign in|log in|confirm)\b/i;
// Every alternative of ONE_TIME_CODE holds one of these words: this plain scan rules most notices out at a
// quarter of the cost of trying each alternative at every position.
const ONE_TIME_CODE_WORDS = /code|pin|otp| is your/i;
const ACCOUNT_SECURITY =
  /\b(?:new (?:sign-?in|login|device)|signed in (?:from|to|on|with)|sign-in attempt|password (?:reset|change|was changed)|reset your password|verify your (?:email|account|identity)|confirm your (?:email|e-mail) address|security alert)\b/i;
const DELIVERY =
  /\b(?:has (?:been )?shipped|(?:is )?out for delivery|(?:was|been|has been|is) delivered|tracking (?:number|#|id|no)|track (?:your )?(?:package|parcel|order|shipment)|your (?:package|parcel|shipment)|estimated (?:delivery|arrival)|arriving (?:today|tomorrow|on))\b/i;
const MARKETING =
  /(?:\b\d{1,2}\s?% off\b|\bsave (?:up to )?[$€£]?\d|\blimited[- ]time\b|\b(?:special|exclusive) offer\b|\bblack friday\b|\bcyber monday\b|\bpromo(?:tional)? code\b|\bcoupon\b|\bflash sale\b|\bnew arrivals\b|\bshop now\b|\bdon'?t miss\b|\blast chance\b|\bbuy now\b|\bdeal(?:s)? (?:of|ends)\b)/i;
const NEWSLETTER =
  /\b(?:newsletter|weekly digest|daily digest|roundup|unsubscribe|view (?:this email )?in (?:your |a )?browser|you(?:'re| are) receiving this (?:e-?mail )?because|what'?s new (?:in|at|this))\b/i;
const FAILED =
  /\b(?:(?:payment|charge|transaction|renewal|card)\s+(?:has\s+|was\s+|is\s+)?(?:failed|declined|unsuccessful|not successful|could not be (?:processed|completed))|(?:couldn'?t|could not|were unable to|was unable to|unable to) (?:process|charge|renew|collect|complete) (?:your|the)|update your (?:payment|billing|card) (?:method|details|information)|payment (?:issue|problem|failure))/i;
const STATEMENT_OR_BALANCE =
  /\b(?:(?:your )?statement is (?:ready|available)|(?:your )?(?:new |latest |monthly )?(?:e-?)?(?:bill|invoice) is (?:now )?(?:ready|available|online)|account statement|e-?statement|balance alert|low balance|available balance is|credit limit)\b/i;
const HOLD =
  /\b(?:pre-?authori[sz]ation|authori[sz]ation hold|temporary (?:hold|authori[sz]ation)|pending authori[sz]ation)\b/i;

const REFUNDED =
  /\b(?:your refund\b|refund (?:of|has been|was|is on (?:its|the) way|confirmation|confirmed|processed|issued|receipt|notification|request (?:has been|was) (?:approved|processed))|(?:has|have|had) been refunded|we(?:'ve| have)? (?:issued|processed|sent|initiated) (?:you )?(?:a|your) (?:full |partial )?refund|refunded (?:to|you|your)|issued (?:you )?a (?:full |partial )?refund|amount refunded|refund(?:ed)? amount|you(?:'ve| have) (?:got|received) a refund|a refund (?:of|for) [$€£¥]?\d)/i;
const CANCELLED =
  /(?:\b(?:subscription|membership|plan|auto-?renew(?:al)?|automatic (?:renewal|payments?)|recurring (?:payments?|billing)|billing agreement|trial)\s+(?:to\s+[^\n.]{1,40}?\s+)?(?:has\s+been\s+|have\s+been\s+|was\s+|is\s+(?:now\s+)?)(?:successfully\s+)?(?:cancell?ed|terminated|turned off|switched off|disabled|stopped)\b|\b(?:you(?:'ve| have)?|we(?:'ve| have)?)\s+(?:successfully\s+)?(?:cancell?ed|turned off|switched off|ended)\s+(?:your|the|auto|automatic)\b|\bcancell?ation (?:confirmation|confirmed|is complete|request (?:has been|was) (?:processed|received|completed))|\bauto-?renew(?:al)? (?:is|has been|was) (?:now )?(?:off|turned off|disabled|switched off)|\b(?:will|won'?t) not (?:auto-?)?renew\b|\bwon'?t (?:auto-?)?renew\b|\bwill no longer (?:be charged|renew|be billed)|\bsorry to see you go\b|\bsubscription (?:cancell?ed|cancellation)\b)/i;
// A price change for the coming renewals: a renewal notice, whose amount is the new price. An introductory or
// promotional rate that is ending is one ("Your introductory rate is ending", "your promotional price expires on
// 3 July"), not "after your introductory price ends, you'll pay…", which only describes the plan.
const PRICE_CHANGE =
  /\b(?:(?:introductory|intro|promotional|promo|discounted|special|welcome) (?:rate|price|pricing|offer|discount)s? (?:is (?:ending|about to end|coming to an end|expiring)|(?:will )?(?:end|expire)s? (?:on|soon)|has (?:ended|expired))|(?:new|updated) (?:subscription )?rate\b|(?:subscription )?rate (?:is|will be) (?:changing|increasing|going up)|price (?:increase|change|update)|prices? (?:is|are) (?:changing|increasing|going up|rising)|(?:raising|increasing|updating|changing) (?:our |your )?prices|new price|(?:change|update)s? to your [^\n]{0,40}?\bprice|(?:price|cost) of your [^\n.]{0,60}? will (?:change|increase|go up|rise)|(?:updating|increasing|changing|raising) the price|price (?:will|is going to) (?:change|increase|go up|rise))\b/i;
const TRIAL_ENDING =
  /\b(?:free )?trial\b[^.\n]{0,60}?\b(?:ends?|ending|expires?|expiring|will end|is (?:almost )?over|converts?|is ending)\b/i;
const WILL_CHARGE =
  /\b(?:will (?:automatically |auto-?)?(?:be )?(?:charged?|billed?|renew(?:ed)?|convert|start charging)|you'?ll be (?:charged|billed)|(?:is|are) (?:set|scheduled|due) to (?:renew|be charged|be billed)|upcoming (?:renewal|payment|charge|bill(?:ing)?|subscription)|renewal reminder|renews? (?:on|soon)\b|auto-?renews? on|is about to renew|next (?:billing|payment|charge|renewal) date|(?:payment|invoice) (?:is )?due)\b/i;
const PAID =
  /\b(?:you(?:'ve| have) been (?:charged|billed)|we(?:'ve| have)? (?:successfully )?(?:charged|billed) (?:you|your)|we(?:'ve| have)? received your payment|(?:payment|charge)\s+(?:of\s+\S+\s+)?(?:was\s+|has\s+been\s+)?(?:received|successful(?:ly (?:processed|completed))?|processed|confirmed|completed?)\b|thanks?(?: you)? for your (?:[^\s.,!?]+ ){0,5}?(?:payment|purchase|order|renewal)\b|order total|paid (?:by|with)[ \t]*:|amount (?:paid|charged)|total (?:paid|charged)|successfully (?:charged|paid|renewed|billed)|has been (?:successfully )?renewed|your payment of|payment receipt|receipt (?:for|from)\b|your receipt|invoice paid|paid on\b|was charged|has been charged|renewal (?:was |is )?(?:successful|complete)|payment confirmation|order confirmation)/i;
const SIGNED_UP =
  /\b(?:welcome to\b[^\n]{0,60}\b(?:premium|pro|plus|paid|membership|subscription|plan|family|individual|annual|monthly|unlimited|vip|gold|platinum)|thanks?(?: you)? for (?:subscribing|upgrading|your subscription|joining\b[^\n]{0,40}\b(?:premium|plus|pro))|you(?:'re| are) now (?:subscribed|a (?:premium |paid |pro |plus )?(?:member|subscriber))|your (?:new )?(?:subscription|membership) (?:is|has been) (?:confirmed|activated|active|started|set up)|subscription (?:confirmation|confirmed|activated|started)|you(?:'ve| have) (?:successfully )?(?:subscribed|upgraded) to|(?:automatic payments?|auto-?pay|recurring payments?|billing agreement) (?:has been |was |is )?(?:set up|activated|approved|authori[sz]ed|enabled))/i;

// A trial that has just begun is the signup, whatever it says of the day it ends: "Your 7-day free trial has
// started … Trial ends 9 October".
const TRIAL_STARTED =
  /\b(?:(?:free )?trial (?:has )?(?:started|begun|is now active)|you(?:'ve| have) started (?:your|a) (?:[\w-]+ )?(?:free )?trial|(?:welcome to|enjoy) your (?:[\w-]+ )?free trial)\b/i;

// Subjects say what a notice is more reliably than its body, which mixes footers and small print.
const SUBJECT_REFUND = /\brefund(?:ed)?\b(?![- ]?polic)/i;
const SUBJECT_CANCELLED = /\bcancel(?:l?ed|lation)\b|\bauto-?renew(?:al)? (?:is )?off\b|\bwon'?t renew\b/i;
const SUBJECT_SIGNUP =
  /\bwelcome\b|\bsubscription confirm|\bthanks? (?:you )?for (?:subscribing|upgrading)\b|\byou(?:'re| are) subscribed\b|\bnew subscription\b/i;
const SUBJECT_PAID =
  /\breceipt\b|\bpayment (?:received|confirm|success)|\bbeen charged\b|\binvoice paid\b|\bpaid\b|\brenewed\b|\bcharge (?:of|for)\b/i;
const SUBJECT_UPCOMING =
  /\b(?:will renew|renews|renewal|reminder|upcoming|trial (?:ends|ending|is ending|expires)|ending soon|about to renew)\b/i;

/** True when an English notice is plainly not a payment: codes, sign-ins, deliveries, newsletters, promotions. */
export function isNonPaymentEnglish(notice: Notice): boolean {
  return nonPaymentReason(notice) !== null;
}

// Money paid to the user's own card or loan is a repayment, not a purchase: "Thank you for your payment to your
// credit card ending 4421". A merchant's "thank you for your payment to Netflix" names a payee, not "your card", and
// its "your payment has been received" is a receipt.
const REPAYMENT =
  /\b(?:payment|repayment)s?\s+(?:of\s+\S+\s+)?(?:to|towards|on)\s+your\s+(?:[\w-]+\s+){0,2}?(?:card|account|loan|balance)\b/i;

function nonPaymentReason(notice: Notice): string | null {
  const subject = notice.subject ?? "";
  const head = `${subject}\n${notice.text.slice(0, 4000)}`;
  // A one-time code is never a payment, even when it quotes the amount it authorises.
  if (ONE_TIME_CODE_WORDS.test(head) && ONE_TIME_CODE.test(head)) return "code";
  if (HOLD.test(head)) return "hold";
  if (REPAYMENT.test(head)) return "repayment";
  if (FAILED.test(head)) return "failed";
  if (ACCOUNT_SECURITY.test(head) && !PAID.test(head)) return "security";
  if (DELIVERY.test(head) && !SUBJECT_PAID.test(subject) && !REFUNDED.test(head)) return "delivery";
  if (STATEMENT_OR_BALANCE.test(head) && !PAID.test(head)) return "statement";
  // The payment words only excuse marketing: looked for only when the notice reads like it.
  if (!MARKETING.test(head) && !NEWSLETTER.test(head)) return null;
  const paymentWords =
    PAID.test(head) || REFUNDED.test(head) || CANCELLED.test(head) || WILL_CHARGE.test(head) || SIGNED_UP.test(head);
  return paymentWords ? null : "marketing";
}

function kindOf(notice: Notice, text: string): EventKind | null {
  const subject = notice.subject ?? "";
  if (SUBJECT_REFUND.test(subject) && REFUNDED.test(`${subject}\n${text}`)) return "refund";
  if (SUBJECT_CANCELLED.test(subject) && !SUBJECT_PAID.test(subject)) return "cancellation";
  if (SUBJECT_PAID.test(subject) && !SUBJECT_UPCOMING.test(subject))
    return REFUNDED.test(subject) ? "refund" : "charge";
  if (SUBJECT_SIGNUP.test(subject) && (SIGNED_UP.test(text) || firstChargedAmount(text))) return "signup";
  if (TRIAL_STARTED.test(subject) || (!SUBJECT_UPCOMING.test(subject) && TRIAL_STARTED.test(text))) return "signup";
  if (SUBJECT_UPCOMING.test(subject) && !PAID.test(subject)) {
    if (CANCELLED.test(text)) return "cancellation";
    return "renewal_notice";
  }
  if (PRICE_CHANGE.test(subject) || PRICE_CHANGE.test(text)) return "renewal_notice";
  if (REFUNDED.test(text)) return "refund";
  if (CANCELLED.test(text)) return "cancellation";
  if (TRIAL_ENDING.test(text) && (WILL_CHARGE.test(text) || firstChargedAmount(text))) return "renewal_notice";
  if (PAID.test(text)) return "charge";
  if (SIGNED_UP.test(text)) return "signup";
  if (WILL_CHARGE.test(text)) return "renewal_notice";
  return null;
}

// --- what it was for, how much, when --------------------------------------------------------------

const MERCHANT_IN_SUBJECT = [
  /\b(?:receipt|invoice|refund|payment|order|charge|bill)\s+(?:from|to|for|with)\s+(.+?)(?:\s+#\S*|\s+\(|\s+-\s|\s+on\s|\s+for\s|[.!|]\s|[.!|]?$)/i,
  /^\s*(?:your\s+)?(.+?)\s+(?:subscription|membership|receipt|invoice|payment|order|renewal|free trial|trial|plan)\b/i,
  /\bwelcome to\s+(.+?)(?:[.!,|]|\s+[-–—]\s|$)/i,
];
// A subject's opening words that are a piece of its sentence, not a name: "Welcome to X – your free trial…".
const SENTENCE_PIECE = /\s[-–—]\s|\b(?:your|welcome)\b/i;
// "your Dropbox Plus plan": a plan's name, which may carry a tier after the brand.
const YOUR_PLAN = /\b[Yy]our\s+([A-Z0-9][\w&'+. -]{1,40}?)\s+(?:subscription|membership|plan|free trial|trial)\b/;
const SUBSCRIBING_TO = /\b[Tt]hanks?(?: you)? for subscribing to\s+((?:The\s+)?[A-Z0-9][^\n.,;!]{1,50}?)(?:[.,;!\n]|$)/;
const MERCHANT_IN_TEXT = [
  /\bpayment of\s+\S{1,20}?\s+to\s+([^\n.,;!]+?)(?:\s+(?:was|has|is|on|for|using|with)\b|[.,;!\n]|$)/i,
  /\b(?:charged|billed) by\s+([^\n.,;!]+?)(?:\s+(?:on|for)\b|[.,;!\n]|$)/i,
  /\b(?:subscription|membership) to\s+([A-Z0-9][^\n.,;!]{1,50}?)(?:\s+(?:has|was|is|will|renews?|ends?)\b|[.,;!\n]|$)/,
  YOUR_PLAN,
  /\bwelcome to\s+([A-Z0-9][^\n.,;!]{1,50}?)(?:[.,;!\n]|$)/,
  /\b(?:receipt|invoice) from\s+([^\n.,;!#]+?)(?:\s+#|[.,;!\n]|$)/i,
];
// Words that describe the plan or the notice rather than name anyone ("Your free trial ends…").
const GENERIC_SUBJECT_WORDS =
  /^(?:your|a|the|new|payment|subscription|account|order|monthly|annual|yearly|weekly|upcoming|important|free|trial|paid|current|next|first|last|final)$/i;
// A department after the brand, in the languages we read: "Handelsblatt Kundenservice", "PÚBLICO Assinaturas".
const SENDER_NOISE =
  /\s*(?:team|billing|support|payments?|receipts?|no-?reply|notifications?|accounts?|customer (?:care|service)|store|kundenservice|kundendienst|kundencenter|leserservice|abo-?service|service (?:clients?|client[eè]le|abonnés)|abonnements?|facturation|atención al cliente|suscripciones|facturación|servizio clienti|abbonamenti|fatturazione|klantenservice|ledenservice|assinaturas|apoio ao cliente|kundeservice|kundservice)\s*$/i;

/** The sender's display name as a brand ("Dropbox", not "Dropbox Billing Team"; "Steam", not "Steam Store"), or null. */
export function senderBrand(notice: Notice): string | null {
  const sender = notice.senderName?.replace(SENDER_NOISE, "").trim();
  if (sender && !/@/.test(sender) && !/^(?:no-?reply|noreply|info|mail|service)$/i.test(sender))
    return cleanMerchant(sender);
  return null;
}

// Words that name a plan's tier after the product: "GitHub Pro", "Dropbox Plus", "Microsoft 365 Personal".
// Not "Premium" or "Prime": "YouTube Premium" and "Amazon Prime" are the products themselves.
const PLAN_TIER =
  /\s+(?:plus|pro|personal|family|individual|duo|student|standard|basic|starter|lite|essentials|annual|monthly|yearly)$/i;

// A plan described by tier words alone ("your Premium Individual subscription") names no payee: the sender does.
const TIER_WORDS_ONLY =
  /^(?:(?:premium|plus|pro|personal|family|individual|duo|student|standard|basic|starter|lite|essentials|annual|monthly|yearly|free|trial|gold|silver|platinum|ultimate|advanced|unlimited)\b\s*)+$/i;

/** True when `name` is only a plan's tier ("Premium Individual", "Standard"), no one's name. */
export function isPlanTier(name: string): boolean {
  return TIER_WORDS_ONLY.test(name);
}

/** The payee for a plan named in "your {plan} subscription": the brand for a bare tier, else as brandOfPlan. */
export function payeeOfPlan(plan: string | null, brand: string | null): string | null {
  if (plan && brand && isPlanTier(plan)) return brand;
  return brandOfPlan(plan, brand);
}

/** "your New York Times subscription" from "The New York Times": the name as its owner writes it, article and all. */
function ownerSpelling(name: string, brand: string | null): string {
  return brand && brand.toLowerCase() === `the ${name.toLowerCase()}` ? brand : name;
}

/**
 * A plan named after its brand is paid to the brand's product: when `name` starts with the sender's display name
 * as whole words, the tier words after it go ("GitHub Pro" → "GitHub", "Microsoft 365 Personal" → "Microsoft
 * 365"), and a product of its own stays ("Adobe Creative Cloud", "YouTube Premium").
 */
export function brandOfPlan(name: string | null, brand: string | null): string | null {
  if (name && ownerSpelling(name, brand) !== name) return brand;
  if (!name || !brand || name.length <= brand.length) return name;
  const head = name.slice(0, brand.length);
  if (head.toLowerCase() !== brand.toLowerCase() || !/^[\s:–—-]/.test(name.slice(brand.length))) return name;
  let product = name;
  while (product.length > brand.length && PLAN_TIER.test(product)) product = product.replace(PLAN_TIER, "");
  return product.length > brand.length ? product : head;
}

// "[GitHub] Payment Receipt for octo-demo": a subject tag names the service (what follows "for" may be
// the account), when it is the sender's name or its domain.
const SUBJECT_TAG = /^\s*\[([^\]\n]{2,40})\]/;

function subjectTag(notice: Notice): string | null {
  const tag = cleanMerchant(SUBJECT_TAG.exec(notice.subject ?? "")?.[1]);
  if (!tag) return null;
  const squashed = tag.toLowerCase().replace(/[^a-z0-9]/g, "");
  const domain = /@(?:[\w-]+\.)*?([\w-]+)\.[a-z]{2,}$/i.exec(notice.sender ?? "")?.[1]?.toLowerCase();
  const name = notice.senderName?.toLowerCase().replace(/[^a-z0-9]/g, "");
  return squashed && (squashed === domain || name?.startsWith(squashed)) ? tag : null;
}

// "Plan: Calm Premium – Annual", "Your plan: GitHub Pro", "Product\tCanva Pro (yearly)": the plan a notice labels.
const PLAN_LABEL = label("(?:your |subscription |membership )?(?:plan|product)", { lineStart: true });
const PLAN_WORDS = /plan|product/i;
// Where a labelled plan's name ends: its billing period or details after a comma, a dash or a bracket.
const PLAN_DETAILS = /\s*(?:[,(–—]|\s-\s).*$/;
const brandWords = (name: string) =>
  name
    .toLowerCase()
    .split(/[\s.]+/)
    .filter(Boolean);

/**
 * The payee when the name found is the plan the notice labels: the sender's brand, when the plan is named after it
 * ("Plan: Calm Premium – Annual" from Calm) or shares no word with it ("Plan: All-access digital" from The
 * Guardian: a plan's description); a product named with one of the brand's words stays ("Amazon Prime" from
 * Amazon.co.uk).
 */
function payeeOfLabelledPlan(name: string | null, text: string, brand: string | null): string | null {
  if (!name || !brand || name === brand || !PLAN_WORDS.test(text)) return name;
  const plan = valueAfter(text, PLAN_LABEL)?.replace(PLAN_DETAILS, "").toLowerCase();
  if (!plan?.startsWith(name.toLowerCase())) return name;
  const words = brandWords(brand);
  const planWords = brandWords(plan);
  if (words.every((word, index) => planWords[index] === word)) return brand;
  return words.some((word) => planWords.includes(word)) ? name : brand;
}

/** True when a line of the receipt starts with `name` and carries an amount: the item sold, as the receipt names it. */
function soldAsItem(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (at > 0 && text[at - 1] !== "\n") continue;
    const end = text.indexOf("\n", at);
    if (findMoney(text.slice(at + name.length, end < 0 ? undefined : end)).length > 0) return true;
  }
  return false;
}

function merchantOf(notice: Notice, text: string): string | null {
  const tagged = subjectTag(notice);
  if (tagged) return tagged;
  const brand = senderBrand(notice);
  return payeeOfLabelledPlan(namedMerchant(notice, text, brand), text, brand);
}

function namedMerchant(notice: Notice, text: string, brand: string | null): string | null {
  const subject = notice.subject ?? "";
  // "Welcome to your Amazon Prime free trial", "An update to your YouTube Premium membership price": the plan
  // after "your" names the service better than the words that open the subject. A receipt whose line item names
  // the plan in full ("Microsoft 365 Family (1 year) S$139.00") was paid for that plan.
  const plan = cleanMerchant(YOUR_PLAN.exec(subject)?.[1]);
  if (plan && !GENERIC_SUBJECT_WORDS.test(plan)) {
    if (soldAsItem(text, plan)) return plan;
    // "your ST All-Digital subscription … Thank you for subscribing to The Straits Times": the plan's publication.
    return cleanMerchant(SUBSCRIBING_TO.exec(text)?.[1]) ?? payeeOfPlan(plan, brand);
  }
  for (const pattern of MERCHANT_IN_SUBJECT) {
    const name = cleanMerchant(pattern.exec(subject)?.[1]);
    if (name && !GENERIC_SUBJECT_WORDS.test(name) && name.split(" ").length <= 6 && !SENTENCE_PIECE.test(name))
      return ownerSpelling(name, brand);
  }
  for (const pattern of MERCHANT_IN_TEXT) {
    const name = cleanMerchant(pattern.exec(text)?.[1]);
    if (name && !GENERIC_SUBJECT_WORDS.test(name)) return pattern === YOUR_PLAN ? payeeOfPlan(name, brand) : name;
  }
  return brand;
}

const PAID_AMOUNT_LABEL = label(
  "amount (?:paid|charged|billed)|total (?:paid|charged|billed|amount)|payment amount|charged amount|grand total|order total|total(?! savings)(?: due| \\(incl[^)]*\\))?",
);
const REFUND_AMOUNT_LABEL = label(
  "(?:amount|total) refunded|refund(?:ed)? amount|refund total|refund(?:ed)? of|refunded|refund",
);
const CHARGED_PHRASE =
  /\b(?:charged|billed|paid|payment of|renewed (?:for|at)|renew (?:for|at)|renews (?:for|at)|be charged|be billed|price (?:is|of|will be)|cost(?:s)? (?:is|of|will be)?|at a (?:price|rate) of|for only|just)\s*(?:you\s*)?[:：]?\s*/gi;

function amountPhrase(text: string): FoundMoney | null {
  CHARGED_PHRASE.lastIndex = 0;
  for (let match = CHARGED_PHRASE.exec(text); match; match = CHARGED_PHRASE.exec(text)) {
    const start = match.index + match[0].length;
    const found = findMoney(text.slice(start, start + 30))[0];
    if (found && found.index <= 6) return { ...found, index: found.index + start };
  }
  return null;
}

function amountFor(kind: EventKind, text: string): FoundMoney | null {
  if (kind === "renewal_notice" && PRICE_CHANGE.test(text)) {
    const price = newPriceIn(text);
    if (price) return price;
  }
  if (kind === "signup" || kind === "renewal_notice") {
    const price = thenPriceIn(text);
    if (price) return price;
  }
  if (kind === "refund") return amountAfter(text, REFUND_AMOUNT_LABEL, 40) ?? firstChargedAmount(text);
  if (kind === "charge")
    return amountAfter(text, PAID_AMOUNT_LABEL, 40) ?? amountPhrase(text) ?? firstChargedAmount(text);
  return amountPhrase(text) ?? firstChargedAmount(text);
}

const DATE_LABEL_WORDS =
  "date paid|payment date|paid on|transaction date|order date|invoice date|billing date|charge date|date charged|purchase date|date of purchase|refund date|date refunded";
const DATE_LABEL = label(DATE_LABEL_WORDS);
const BARE_DATE_LABEL = label("date", { lineStart: true });
// "Next billing date: 3 March 2026" is the renewal, not when the money moved.
const FUTURE_DATE_QUALIFIER = /\b(?:next|upcoming|following|renewal|due|expiry|expiration|end)[\s*]*$/i;

// Each label with a global twin for walking its matches, compiled once (lastIndex is reset before each walk).
const DATE_LABELS: [RegExp, RegExp][] = [
  [DATE_LABEL, label(DATE_LABEL_WORDS, { global: true })],
  [BARE_DATE_LABEL, label("date", { lineStart: true, global: true })],
];

/** The value of the first date label that names when the transaction happened, not the next one. */
function transactionDateValue(text: string): string | null {
  for (const [pattern, global] of DATE_LABELS) {
    global.lastIndex = 0;
    for (let match = global.exec(text); match; match = global.exec(text)) {
      const before = text.slice(Math.max(0, match.index - 20), match.index + (/^\s/.test(match[0]) ? 1 : 0));
      if (FUTURE_DATE_QUALIFIER.test(before)) continue;
      const value = valueAfter(text.slice(match.index), pattern);
      if (value) return value;
    }
  }
  return null;
}
const RENEWAL_DATE =
  /\b(?:[Rr]enews?|[Rr]enewal|will (?:automatically |auto-?)?renew|[Aa]uto-?renews?|[Nn]ext (?:billing|payment|charge|renewal|invoice)(?: date)?|(?:[Tt]rial|TRIAL) (?:ends?|will end|expires?|is ending|period ends)|[Ee]nds?|be (?:charged|billed)|billing (?:date|on)|[Ss]tarting|[Bb]eginning|on or after|[Ee]xpires?)\b[^\n]{0,40}?(?=\b(?:on\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z][a-z]{2,}|[A-Z][a-z]{2,}\.?\s+\d{1,2}|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}))/g;

function renewalDateIn(text: string, notice: Notice): string | null {
  return dateAfterCue(text, RENEWAL_DATE, notice, 40);
}

const REFERENCE_LABEL = label(
  "order (?:id|number|no\\.?|#)|invoice (?:id|number|no\\.?|#)|receipt (?:id|number|no\\.?|#)|transaction (?:id|number|no\\.?|#)|confirmation (?:number|no\\.?|#)|reference(?: number| no\\.?)?|payment id",
);
const REFERENCE_VALUE = /^#?\s*([A-Za-z0-9][A-Za-z0-9._\-/]{3,40})/;

function referenceIn(text: string, subject: string): string | null {
  const value = valueAfter(text, REFERENCE_LABEL);
  const token = value ? REFERENCE_VALUE.exec(value)?.[1] : undefined;
  if (token && /\d/.test(token)) return token;
  const inSubject = /#\s?([A-Za-z0-9][A-Za-z0-9-]{3,30})/.exec(subject)?.[1];
  return inSubject && /\d/.test(inSubject) ? inSubject : null;
}

const PAYMENT_METHOD_LABEL = label("payment method|paid with|payment source|funding source|charged to|billed to|card");

function channelAndTail(text: string): Pick<ExtractedEvent, "channel" | "card_tail"> {
  const methodStart = indexAfter(text, PAYMENT_METHOD_LABEL);
  const method = methodStart >= 0 ? text.slice(methodStart, methodStart + 80) : "";
  const card_tail = cardTailIn(method) ?? (mentionsCard(text) ? cardTailIn(text) : null);
  let channel: PaymentChannel | null = null;
  if (/\bpaypal\b/i.test(method)) channel = "paypal";
  else if (/\bapple pay\b|\bapp store\b/i.test(method)) channel = card_tail ? "credit_card" : null;
  else if (/\bgoogle play\b/i.test(method)) channel = "google_play";
  else if (/\balipay\b/i.test(method)) channel = "alipay";
  else if (/\bwechat pay\b/i.test(method)) channel = "wechat_pay";
  else if (card_tail || mentionsCard(method) || /\bcredit card\b/i.test(text))
    channel = card_tail || mentionsCard(text) ? "credit_card" : null;
  return { channel, card_tail };
}

/**
 * The careful generic fallback for Latin-script notices. Null when the text is not Latin-script or says
 * nothing recognisable; "other" when it is plainly not a payment (codes, deliveries, newsletters…).
 */
export const readGenericEnglish: Extractor = (notice) => {
  const text = notice.text;
  if (!isLatinScript(`${notice.subject ?? ""}\n${text}`)) return null;
  if (nonPaymentReason(notice)) return otherEnglishEvent(notice);
  const kind = kindOf(notice, text);
  if (!kind) return null;
  // A cancellation moves no money: a win-back price or the fee that ends is no amount.
  const found = kind === "cancellation" ? null : amountFor(kind, text);
  // A "receipt" with no amount at all is not a charge we can stand behind.
  if ((kind === "charge" || kind === "refund") && !found) return otherEnglishEvent(notice);
  const labelledDate = transactionDateValue(text);
  const occurred =
    kind === "charge" || kind === "refund" || kind === "signup"
      ? labelledDate && instantIn(labelledDate, notice)
      : null;
  const merchant = merchantOf(notice, text);
  return englishEvent(notice, {
    kind,
    found,
    merchant,
    merchant_legal: legalPayeeIn(text, merchant),
    occurred_at: occurred,
    reference: referenceIn(text, notice.subject ?? ""),
    ...channelAndTail(text),
    renews_at: kind === "cancellation" || kind === "refund" ? null : renewalDateIn(text, notice),
  });
};
