// Bank mandates, the standing authority a payee debits an account by: a pre-debit notice (India's UPI AutoPay and
// e-mandates, which RBI requires a day or more ahead: amount, payee, debit date, account tail) and a SEPA or UK
// direct-debit pre-notification ("Vorabankündigung", "pré-notification", "prenotificación", "preavviso",
// "vooraankondiging", "advance notice": amount, due date, creditor, invoice number) are an upcoming renewal; a
// mandate revoked, cancelled or paused is a cancellation; a mandate set up is a signup. Only notices that name a
// mandate or a direct debit, and say one of these three things, are read here: a debit already made is left to
// the bank and card readers. Runs before them. Pure.

import { type FoundMoney, findMoney } from "./amounts";
import { POSSESSIVE } from "./card-alert";
import { dayInstant, findCalendarDate, monthOf } from "./dates";
import { cleanMerchant, englishEvent } from "./generic-en";
import { europeanDateIn } from "./generic-eu";
import { segmentsOf } from "./segment";
import type { EventKind, Extractor, Notice } from "./types";

// A mandate notice states its facts at the top.
const HEAD_CHARS = 2000;
// How far after what the notice says (its cue) the date it says it of is looked for.
const CUE_WINDOW = 240;

// Words of a standing debit authority, lower case, searched as plain strings before any pattern runs; "mandat"
// (mandate, Mandatsreferenz, mandato) counts only where it is no "mandatory" or "mandatario".
const MANDATE_WORDS = [
  ...["autopay", "standing instruction", "direct debit", "sepa"], // en (and every SEPA language)
  ...["lastschrift", "einzug"], // de
  ...["prélèvement", "prelevement"], // fr
  ...["domiciliación", "domiciliacion", "adeudo"], // es
  ...["addebito diretto", "sdd"], // it
  ...["incasso", "machtiging"], // nl
];
const MANDATE = /mandat(?!or|ar)/;

const namesMandate = (lower: string) =>
  MANDATE_WORDS.some((word) => lower.includes(word)) || (lower.includes("mandat") && MANDATE.test(lower));

// What the notice says, per kind, in each language (sources of one search on the lower-case head: the earliest
// wins, so a pre-debit notice's "to revoke, use your app" does not make it a revocation). A pre-notification is
// named as such, or says money will be debited.
const NAMED_NOTICE = [
  ...["pre-?debit", "pre-?notification", "advance notice"], // en
  ...["vorabankündigung", "vorabinformation", "vorankündigung"], // de
  ...["pr[ée]-?notification", "pr[ée]avis de prélèvement", "avis de prélèvement"], // fr
  ...["pre-?notificación", "preaviso", "aviso previo"], // es
  ...["preavviso", "pre-?notifica"], // it
  ...["vooraankondiging"], // nl
];
const WILL_DEBIT = [
  ...["will be (?:debited|collected|deducted|taken)", "due to be (?:debited|collected)"], // en
  "(?:upcoming|scheduled) (?:direct debit|debit|collection)",
  "(?:wird|werden)[^.\\n]{0,80}?(?:abgebucht|eingezogen|belastet)", // de
  "buchen wir[^.\\n]{0,60}?\\bab\\b|wir buchen[^.\\n]{0,80}?\\bab\\b",
  ...["sera (?:prélevée?|débitée?)", "prélèvement à venir"], // fr
  ...["se (?:cargará|adeudará)", "será (?:cargado|adeudado)"], // es
  "(?:verrà|sarà) addebitat[oa]", // it
  "(?:wordt|worden|zal worden)[^.\\n]{0,60}?(?:afgeschreven|geïncasseerd)", // nl
  "schrijven we[^.\\n]{0,60}?\\baf\\b",
];
const ENDED = [
  "(?:has been|have been|was|been|is|are) (?:revoked|cancell?ed|paused|suspended|deactivated|terminated|deleted|discontinued)",
  "(?:revoked|cancell?ed) successfully",
  "wurde (?:widerrufen|gekündigt|gelöscht|storniert|aufgehoben|beendet|deaktiviert)",
  "ist erloschen",
  "a été (?:révoquée?|annulée?|résiliée?|supprimée?|suspendue?|désactivée?)",
  "(?:ha sido|fue) (?:revocad|cancelad|anulad|suspendid|desactivad)[oa]",
  "se ha (?:revocado|cancelado|anulado|suspendido|desactivado)",
  "(?:è stat[oa]|stat[oa]) (?:revocat|annullat|sospes|disattivat|cancellat)[oa]",
  "(?:is|werd|zijn) (?:ingetrokken|beëindigd|stopgezet|geannuleerd|gepauzeerd)",
];
const CREATED = [
  "mandate (?:has been |is |was )?(?:successfully )?(?:created|registered|set up|activated|approved)",
  "(?:created|registered|set up|activated) successfully",
  "(?:has been|was) (?:set up|created|registered|activated)",
  "(?:'ve|have) set up your",
  "(?:mandat )?wurde (?:erteilt|eingerichtet|angelegt|aktiviert)",
  "a été (?:créée?|enregistrée?|mise? en place|activée?)",
  "(?:ha sido|fue|se ha) (?:cread|registrad|activad)[oa]",
  "(?:è stat[oa]) (?:creat|registrat|attivat)[oa]",
  "(?:is|werd) (?:aangemaakt|geregistreerd|geactiveerd|afgegeven)",
];
const CUE = new RegExp(
  [NAMED_NOTICE, WILL_DEBIT, ENDED, CREATED].map((sources) => `(${sources.join("|")})`).join("|"),
  "u",
);
// A welcome or a subscription's confirmation that says when its first debit will be taken is a signup, which the
// store and generic readers read with its plan: a debit to come is a pre-notification only when nothing welcomes.
const WELCOME =
  /welcome|bienvenue|willkommen|bienvenid|benvenut|welkom|souscription|suscripción|sottoscrizione|thank you for (?:subscribing|joining)/;

type MandateKind = Extract<EventKind, "renewal_notice" | "cancellation" | "signup">;

function cueOf(lower: string): { kind: MandateKind; end: number } | null {
  const match = CUE.exec(lower);
  if (!match || (match[2] && WELCOME.test(lower))) return null;
  const kind = match[1] || match[2] ? "renewal_notice" : match[3] ? "cancellation" : "signup";
  return { kind, end: match.index + match[0].length };
}

// --- rows ----------------------------------------------------------------------------------------------

// Row labels per field, all languages together, compared whole after normalLabel.
const LABELS = {
  amount: [
    ...["amount", "debit amount", "amount to be debited", "direct debit amount", "collection amount"],
    ...["betrag", "lastschriftbetrag", "einzugsbetrag", "abbuchungsbetrag", "rechnungsbetrag"],
    ...["montant", "montant du prélèvement", "montant prélevé"],
    ...["importe", "importe del adeudo", "importe a cargar"],
    ...["importo", "importo addebito", "importo dell'addebito"],
    ...["bedrag", "incassobedrag"],
  ],
  due: [
    ...[
      "debit date",
      "due date",
      "collection date",
      "payment date",
      "date of debit",
      "first debit date",
      "next debit date",
    ],
    ...["fälligkeitsdatum", "fälligkeit", "fällig am", "abbuchungsdatum", "einzugsdatum", "belastungsdatum"],
    ...["ausführungsdatum", "lastschriftdatum"],
    ...["date de prélèvement", "date du prélèvement", "date d'échéance", "échéance"],
    ...["fecha de cargo", "fecha de adeudo", "fecha del adeudo", "fecha de cobro", "fecha de vencimiento"],
    ...["data di addebito", "data addebito", "data di scadenza", "scadenza"],
    ...["incassodatum", "afschrijfdatum", "datum van afschrijving", "vervaldatum"],
  ],
  creditor: [
    ...["creditor", "creditor name", "merchant", "payee", "biller", "beneficiary"],
    ...["zahlungsempfänger", "gläubiger", "gläubigername", "empfänger"],
    ...["créancier", "nom du créancier", "bénéficiaire"],
    ...["acreedor", "beneficiario", "emisor"],
    ...["creditore"],
    ...["incassant", "naam incassant", "begunstigde", "ontvanger"],
  ],
  invoice: [
    ...["invoice number", "invoice no", "invoice", "bill number"],
    ...["rechnungsnummer", "rechnungsnr", "rechnung nr", "rechnung"],
    ...["numéro de facture", "n° de facture", "facture n°", "facture"],
    ...["número de factura", "nº de factura", "n.º de factura", "factura"],
    ...["numero fattura", "numero della fattura", "n. fattura", "fattura"],
    ...["factuurnummer", "factuur"],
  ],
};
type Field = keyof typeof LABELS;
const normalLabel = (label: string) =>
  label
    .toLowerCase()
    .replace(/[\s:：#*.]+$/g, "")
    .replace(/\s+/g, " ")
    .trim();
const FIELD_OF_LABEL = new Map<string, Field>(
  (Object.keys(LABELS) as Field[]).flatMap((field) => LABELS[field].map((label) => [label, field] as const)),
);

/** The first value of each field's rows. */
function rowsOf(notice: Notice): Partial<Record<Field, string>> {
  const rows: Partial<Record<Field, string>> = {};
  for (const pair of segmentsOf(notice).pairs) {
    const field = FIELD_OF_LABEL.get(normalLabel(pair.label));
    if (field && !rows[field]) rows[field] = pair.value.trim();
  }
  return rows;
}

// --- fields --------------------------------------------------------------------------------------------

// Figures that are no debit: a fee for a returned debit, a balance, a mandate's ceiling.
const NOT_AMOUNT =
  /(?:gebühr\w*|\bfees?|\bcharges|frais|comisi[oó]n|commission\w*|kosten|saldo|balance|solde|kontostand|limit|max(?:imum)?|up to|bis zu|jusqu'à|hasta|fino a)[^\d\n]{0,20}$/iu;

function amountIn(value: string | undefined, head: string): FoundMoney | null {
  const labelled = value ? findMoney(value)[0] : undefined;
  if (labelled) return labelled;
  return (
    findMoney(head).find((money) => !NOT_AMOUNT.test(head.slice(Math.max(0, money.index - 30), money.index))) ?? null
  );
}

// The account's last digits: after an "ending" word in any language, or a mask ("XX7706", "**4471", "x2208",
// "ES** **** 4412").
const ACCOUNT_TAIL =
  /(?:ending(?:\s+(?:in|with))?|ends?\s+(?:in|with)|endend\s+auf|endet\s+(?:auf|mit)|(?:se\s+)?terminant\s+par|finissant\s+par|terminad[ao]\s+en|que\s+termina\s+en|(?:che\s+)?termina\s+(?:in|con)|terminante\s+(?:in|con)|eindigend\s+op|eindigt\s+op|[xX*•·]{2,}[\s*•·xX]*|(?<![\p{L}\d])[xX*•·](?=\d))\s*(\d{3,4})(?!\d)/u;

// Indian and Dutch banks join a date's parts with hyphens: "05-Jan-26", "16-03-2026".
const HYPHEN_DATE = /(?<![\d-])(\d{1,2})-(?:(\d{1,2})|([A-Za-z]{3}))-(\d{4}|\d{2})(?![\d-])/;

/** The first date in `snippet` (YYYY-MM-DD), day first as mandates write it; a year-less one read forward. */
function dateIn(snippet: string, notice: Notice): string | null {
  const hyphen = HYPHEN_DATE.exec(snippet);
  if (hyphen) {
    const month = hyphen[2] ? Number(hyphen[2]) : (monthOf(hyphen[3]) ?? 0);
    const year = (hyphen[4] as string).length === 2 ? `20${hyphen[4]}` : hyphen[4];
    const date = `${year}-${String(month).padStart(2, "0")}-${(hyphen[1] as string).padStart(2, "0")}`;
    if (month >= 1 && month <= 12 && !Number.isNaN(Date.parse(date))) return date;
  }
  return (
    europeanDateIn(snippet, notice.receivedAt, "future") ??
    findCalendarDate(snippet, { receivedAt: notice.receivedAt, timeZone: "UTC" })
  );
}

// The payee in a sentence: after "towards", "in favour of", "mandate for" (or their like), or after the amount
// ("₹649 for Spotify"). The name runs to the next preposition, verb or stop.
const PAYEE_LEAD =
  /\b(?:towards|in favou?r of|payable to|mandate (?:for|with|to|of)|au profit de|en faveur de|a favor de|a favore di|ten gunste van|zugunsten von?)\s+/giu;
const AFTER_AMOUNT = /^\s+(?:for|towards|to)\s+/i;
const PAYEE_NAME =
  /^(.+?)(?=\s+(?:for|via|on|from|linked|has|have|is|was|will|with|using|through|under|at|in|by|de|du|von|sur|auf|por|per|sul|op|van)(?![\p{L}\p{N}])|[.,;:!(\n]|\s+-|$)/iu;
const NOT_A_PAYEE = /mandate|autopay|\bupi\b|a\/c|account|\d{2}/i;

function payeeAt(rest: string): string | null {
  if (POSSESSIVE.test(rest) || !/^\p{L}/u.test(rest)) return null;
  const name = cleanMerchant(PAYEE_NAME.exec(rest)?.[1]);
  return name && !NOT_A_PAYEE.test(name) ? name : null;
}

function payeeIn(head: string, found: FoundMoney[]): string | null {
  PAYEE_LEAD.lastIndex = 0;
  for (let match = PAYEE_LEAD.exec(head); match; match = PAYEE_LEAD.exec(head)) {
    const name = payeeAt(head.slice(match.index + match[0].length, match.index + match[0].length + 80));
    if (name) return name;
  }
  for (const money of found) {
    const after = head.slice(money.index + money.raw.length, money.index + money.raw.length + 100);
    const lead = AFTER_AMOUNT.exec(after);
    const name = lead && payeeAt(after.slice(lead[0].length));
    if (name) return name;
  }
  return null;
}

const LEGAL_FORM =
  /\s(?:GmbH|AG|SE|KG|e\.V\.|SAS|SARL|SA|S\.A\.|S\.L\.|SL|S\.p\.A\.|SpA|S\.r\.l\.|Srl|B\.V\.|BV|N\.V\.|Ltd|Limited|LLC|Inc|plc|Pvt\.? Ltd)\.?$/;

/** The payee and, when the creditor row is a company its sender's brand begins, that company as the legal payee. */
function payeeOf(
  notice: Notice,
  creditor: string | undefined,
  head: string,
  found: FoundMoney[],
): { merchant: string | null; merchant_legal: string | null } {
  const company = cleanMerchant(creditor?.split(/[,;\n]/)[0]);
  const brand = notice.source === "email" ? cleanMerchant(notice.senderName) : null;
  if (company && brand && LEGAL_FORM.test(company) && company.toLowerCase().startsWith(brand.toLowerCase()))
    return { merchant: brand, merchant_legal: company };
  return { merchant: company ?? payeeIn(head, found) ?? brand, merchant_legal: null };
}

const INVOICE_TOKEN = /^#?\s*(?:n[°º.]\s*)?([A-Za-z0-9][A-Za-z0-9/._-]{2,40})/;
const CREDIT_CARD = /credit card|kreditkarte|carte de crédit|tarjeta de crédito|carta di credito|creditcard/i;

/** A mandate's notice as its event; null for any notice that is not one. */
export const readMandate: Extractor = (notice) => {
  const subject = notice.subject ?? "";
  const head = `${subject}\n${notice.text.slice(0, HEAD_CHARS)}`;
  const lower = head.toLowerCase();
  if (!namesMandate(lower)) return null;
  const cue = cueOf(lower);
  if (!cue) return null;
  const rows = rowsOf(notice);
  const found = findMoney(head);
  const money = cue.kind === "cancellation" ? null : amountIn(rows.amount, head);
  if (cue.kind === "renewal_notice" && !money) return null;
  const window = lower.slice(cue.end, cue.end + CUE_WINDOW);
  const due = rows.due ? dateIn(rows.due, notice) : null;
  const anchor = notice.sentAt ?? notice.receivedAt;
  // A revocation's or set-up's own day, when it states one that has come.
  const stated = cue.kind === "renewal_notice" ? null : dateIn(window, notice);
  const today = new Date(anchor).toISOString().slice(0, 10);
  const invoice = INVOICE_TOKEN.exec(rows.invoice ?? "")?.[1];
  return englishEvent(notice, {
    kind: cue.kind,
    found: money,
    ...payeeOf(notice, rows.creditor, head, found),
    occurred_at: stated && stated <= today ? dayInstant(stated, anchor) : null,
    reference: invoice && /\d/.test(invoice) ? invoice : null,
    card_tail: ACCOUNT_TAIL.exec(head)?.[1] ?? null,
    channel: CREDIT_CARD.test(head) ? "credit_card" : "bank_card",
    renews_at: cue.kind === "renewal_notice" ? (due ?? dateIn(window, notice)) : cue.kind === "signup" ? due : null,
  });
};
