// German, French, Spanish, Italian, Dutch and Portuguese receipts and subscription notices (Spotify, Netflix, Disney+… in
// their European localisations): localised labels (Gesamt, Montant, Importe, Totale…), day-first dates
// and local month names. Runs just before the English reader and leaves English notices to it. Pure.

import { type FoundMoney, findMoney } from "./amounts";
import { firstAnchoredMatch } from "./anchored";
import { zonedDayInstant } from "./dates";
import {
  amountAfter,
  brandOfPlan,
  cardTailIn,
  cleanMerchant,
  englishEvent,
  isLatinScript,
  isPlanTier,
  label,
  legalPayeeIn,
  mentionsCard,
  newPriceIn,
  otherEnglishEvent,
  senderBrand,
  thenPriceIn,
  valueAfter,
} from "./generic-en";
import type { EventKind, Extractor, Notice, PaymentChannel } from "./types";

// \b is ASCII-only: "débité", "échec" and "reçu" need word edges that know accented letters. A word character is
// a letter or a digit of the scripts a Latin-script notice may hold: Latin (ASCII, Latin-1's letters but not × or
// ÷, Extended-A and -B, IPA and modifier letters such as ʼ, phonetic, Extended Additional), Greek, Cyrillic, Hebrew, Arabic, Thai, kana,
// CJK, Hangul, ligatures (ﬁ), full-width forms, and the digits written as superscripts, fractions, numerals and circled numbers.
// Not \p{L}\p{N}: under /iu those classes made every edged pattern's compiled code so large that, run between a
// MIME parse and the other readers, the European reader cost twice as much on the notices it reads (`npm run bench`).
const WORD_CHAR =
  "[0-9A-Za-z\\u00AA\\u00B2\\u00B3\\u00B5\\u00B9\\u00BA\\u00BC-\\u00BE\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02C1\\u02C6-\\u02D1\\u0370-\\u0373\\u0376-\\u03FF\\u0400-\\u0481\\u048A-\\u052F\\u05D0-\\u05EA\\u0620-\\u064A\\u0660-\\u0669\\u06F0-\\u06F9\\u0E01-\\u0E30\\u1D00-\\u1DBF\\u1E00-\\u1FFF\\u2070\\u2071\\u2074-\\u2079\\u207F-\\u2089\\u2090-\\u209C\\u2150-\\u2189\\u2460-\\u249B\\u24EA-\\u24FF\\u3041-\\u30FF\\u3400-\\u9FFF\\uAC00-\\uD7A3\\uFB00-\\uFB06\\uFF10-\\uFF19\\uFF21-\\uFF3A\\uFF41-\\uFF5A]";
const UNICODE_EDGE = `(?:(?<!${WORD_CHAR})(?=${WORD_CHAR})|(?<=${WORD_CHAR})(?!${WORD_CHAR}))`;

/**
 * A pattern whose \b are Unicode word edges, searched from the candidates of the same pattern without
 * them (see anchored.ts): scanning with the edges is slow. Not an AnchoredRegExp: that would build the
 * edged source twice. Only exec, test and
 * lastIndex are offered: all this file uses.
 */
class EdgedPattern {
  /** As RegExp's: where a global search resumes, read and written only when global. */
  lastIndex = 0;
  private readonly global: boolean;
  private readonly edged: RegExp;
  private readonly loose: RegExp;

  constructor(pattern: RegExp) {
    const flags = `${pattern.flags.replace(/[gy]/g, "")}u`;
    this.global = pattern.global;
    this.edged = new RegExp(pattern.source.replaceAll("\\b", UNICODE_EDGE), `${flags}y`);
    this.loose = new RegExp(pattern.source.replaceAll("\\b", ""), `${flags}g`);
  }

  exec(text: string): RegExpExecArray | null {
    const match = firstAnchoredMatch(text, this.global ? this.lastIndex : 0, this.loose, this.edged, true);
    if (this.global) this.lastIndex = match ? this.edged.lastIndex : 0;
    return match;
  }

  test(text: string): boolean {
    return this.exec(text) !== null;
  }
}

function ub(pattern: RegExp): EdgedPattern {
  return new EdgedPattern(pattern);
}

// --- is it one of ours ----------------------------------------------------------------------------------

// Function words that only these languages use (accented ones left out: \b is ASCII-only).
const LANGUAGE_WORDS = [
  /\b(?:und|der|die|das|dein|deine|deinen|deiner|ihr|ihre|ihren|Sie|mit|ist|wird|vielen|dank|nicht|auf|einen?|bei|zum|zur|am|erfolgt|jederzeit)\b/g,
  /\b(?:le|la|les|des|du|votre|vos|vous|pour|avec|est|merci|une|sur|dans|aura|lieu|chez|notre|en|pouvez|jusqu|avez|sont|nous)\b/g,
  /\b(?:el|los|las|del|su|tu|sus|usted|para|con|gracias|una|por|es|tus|nuestro)\b/g,
  /\b(?:il|gli|della|dello|tuo|tua|suo|sua|per|grazie|nel|sul|sono|stato|questo)\b/g,
  /\b(?:het|een|van|voor|uw|jouw|niet|wordt|worden|naar|ook|onze|wij|kunt|heeft|hebben|bedankt|groet)\b/g,
  /\b(?:os|da|dos|das|seu|sua|seus|suas|pelo|pela|com|obrigado|obrigada|foi|ao|uma|pode|assinatura)\b/g,
];
// Compiled once: match() with a global regex starts from 0 and leaves lastIndex at 0, so sharing is safe.
const LANGUAGE_WORDS_ANY_CASE = LANGUAGE_WORDS.map((pattern) => new RegExp(pattern.source, "gi"));
const ENGLISH_WORDS = /\b(?:the|your|you|and|for|with|is|thank|thanks|of|to|will|has|have|this|we|our)\b/gi;

function count(pattern: RegExp, text: string): number {
  return text.match(pattern)?.length ?? 0;
}

/** True when the notice is written in German, French, Spanish or Italian rather than English. */
export function isContinentalEuropean(text: string): boolean {
  const sample = text.slice(0, 3000);
  const best = Math.max(...LANGUAGE_WORDS_ANY_CASE.map((pattern) => count(pattern, sample)));
  return best >= 2 && best > count(ENGLISH_WORDS, sample);
}

// --- what the notice says happened ----------------------------------------------------------------------

const CODE = ub(
  /\b(?:Bestätigungscode|Sicherheitscode|Verifizierungscode|Einmalcode|Anmeldecode|code de (?:vérification|sécurité|confirmation)|código de (?:verificación|seguridad|confirmación)|codice di (?:verifica|sicurezza|conferma))\b|\b(?:OTP|TAN)\b/i,
);
const DELIVERY = ub(
  /\b(?:wurde versandt|ist unterwegs|Sendungsverfolgung|Sendungsnummer|zugestellt|a été expédiée?|en cours de livraison|suivi de (?:votre )?colis|a été livrée?|ha sido enviado|número de seguimiento|ha sido entregado|è stato spedito|è stato consegnato|numero di tracciamento)\b/i,
);
const FAILED = ub(
  /\b(?:Zahlung (?:ist )?(?:fehlgeschlagen|abgelehnt)|konnten (?:die|deine|Ihre) Zahlung nicht|paiement (?:a échoué|refusé|n'a pas pu)|échec (?:du|de votre) paiement|pago (?:rechazado|fallido|no se ha podido)|no (?:hemos podido|pudimos) (?:procesar|cobrar)|pagamento (?:non (?:riuscito|andato a buon fine)|rifiutato)|impossibile (?:elaborare|addebitare))/i,
);
const UNSUBSCRIBE_ONLY = ub(
  /\b(?:Newsletter|abmelden|se désabonner|désinscri|darse de baja|cancelar suscripción al boletín|annulla(?:re)? l'iscrizione)\b/i,
);

const REFUNDED = ub(
  /\b(?:Rückerstattung|rückerstattet|erstattet|Erstattung|remboursement|remboursée?|reembols(?:o|ado|ada)|devolución|rimbors(?:o|ato|ata)|terugbetaling|terugbetaald|teruggestort|restitutie|devolução|estorno)\b/i,
);
const CANCELLED = ub(
  /(?:\bgekündigt\b|\bKündigung(?:sbestätigung| (?:ist |wurde )?bestätigt)|\b(?:Abo|Abonnement|Mitgliedschaft)\b[^.\n]{0,60}\b(?:beendet|storniert)\b|\b(?:annulée?|résiliée?)\b|\bKündigung (?:ist |wurde )?(?:bei uns )?(?:eingegangen|erhalten|vorgemerkt|wirksam)|\b(?:deine|Ihre) Kündigung (?:erhalten|eingegangen)|\bBestätigung (?:deiner|Ihrer) Kündigung|\brésiliation (?:est )?(?:confirmée|effectuée|enregistrée|prise en compte)|\b(?:demande|confirmation) de (?:résiliation|l'annulation)|\brésiliation de (?:votre|ton) (?:abonnement|contrat|offre)|\b(?:cancelad[oa]|anulad[oa])\b|\bcancelación (?:confirmada|completada)|\b(?:cancelación|anulación) de (?:la |tu |su )?(?:suscripción|membresía|abono)|\b(?:confirmación de (?:la |tu |su )?|tramitado (?:la |tu |su )?|(?:tu|su) )baja (?:de|del|en)\b(?!\s+(?:este|esta|estos|nuestr[oa]s?|la lista|las comunicaciones|los correos|boletín|newsletter))|\b(?:annullat[oa]|disdett[oa]|cancellat[oa])\b|\bdisdetta (?:confermata|registrata|ricevuta)|\b(?:richiesta|conferma) di disdetta|\bdisdetta (?:del|dell'|dal) (?:tuo |suo )?(?:abbonamento|contratto|servizio)|\bdisattivazione del rinnovo automatico|\brinnovo automatico (?:è stato )?disattivato|\bautomatische Verlängerung[^.\n]{0,40}? (?:ist |wurde )?(?:deaktiviert|ausgeschaltet|beendet)|\bDeaktivierung der automatischen Verlängerung|\brenouvellement automatique[^.\n]{0,40}? (?:a été |est )?désactivé|\bdésactivation du renouvellement automatique|\brenovación automática[^.\n]{0,40}? (?:ha sido |está |fue )?desactivada|\bdesactivación de la renovación automática|\bopgezegd\b|\bopzegging (?:is )?(?:bevestigd|ontvangen|verwerkt)|\b(?:abonnement|lidmaatschap) (?:is )?(?:beëindigd|stopgezet)|\bcancelamento (?:confirmado|efetuado)|\bassinatura (?:foi )?cancelada)/i,
);
const UPCOMING = ub(
  /\b(?:wird (?:automatisch |bald )?verlängert|verlängert sich|(?:Test|Probe)(?:zeitraum|phase|abo|monat) (?:endet|läuft)|bevorstehende (?:Zahlung|Abbuchung|Verlängerung)|sera (?:automatiquement )?renouvelée?|se renouvellera|(?:votre |ton )?(?:essai|période d'essai) (?:gratuit(?:e)? )?(?:se termine|prend fin|expire)|se renovará|(?:tu |su )?(?:prueba|período de prueba) (?:gratuita )?(?:termina|finaliza|vence)|verrà rinnovat[oa]|si rinnoverà|(?:la tua |il tuo )?(?:prova|periodo di prova) (?:gratuit[oa] )?(?:[^.\n]{0,30}? )?(?:sta per )?(?:termina(?:re)?|scade(?:re)?|finisce|finire)|wordt [^.\n]{0,60}?(?:verlengd|afgeschreven|geïncasseerd)|schrijven (?:we|wij) [^.\n]{0,60}?af\b|(?:proefperiode|proefabonnement) (?:eindigt|loopt af)|(?:será|vai ser) renovad[ao]|renova-se automaticamente|(?:período experimental|período de teste|teste gratuito|avaliação gratuita) (?:termina|acaba))/i,
);
const PAID = ub(
  /\b(?:Quittung|Rechnung|Zahlungsbestätigung|Zahlungsbeleg|Kaufbeleg|Kaufbestätigung|Bestellbestätigung|Zahlung (?:erhalten|bestätigt|erfolgreich)|Einkauf|Kauf|bezahlt|abgebucht|belastet|reçu|facture|confirmation de (?:paiement|commande)|paiement (?:reçu|confirmé|effectué|accepté)|votre achat|débitée?|prélevée?|recibo|factura|confirmación de (?:pago|pedido)|pago (?:recibido|confirmado|realizado)|(?:tu|su) compra|cobrad[oa]|cargad[oa]|ricevuta|fattura|conferma (?:di pagamento|dell'ordine)|pagamento (?:ricevuto|confermato|effettuato)|(?:il tuo|del tuo|il suo) acquisto|addebitat[oa]|betaling (?:ontvangen|geslaagd|gelukt|voltooid)|betaald|afgeschreven|bedankt voor (?:je|uw) (?:betaling|aankoop|bestelling)|pagamento (?:recebido|confirmado|efetuado|realizado)|debitad[oa]|obrigado pel[ao] (?:seu |sua )?(?:pagamento|compra)|fatura|(?:wurde|ist) (?:am [^\n]{0,20}? )?(?:automatisch |erfolgreich )?verlängert(?! (?:werden|wird))|(?:a été|est) (?:bien )?renouvelée?|se ha renovado|ha sido renovad[ao]|è stat[oa] rinnovat[oa]|is (?:automatisch )?verlengd|foi renovad[ao])\b/i,
);
const SIGNED_UP = ub(
  /\b(?:Willkommen bei|(?:Abo|Abonnement|Mitgliedschaft) (?:wurde )?(?:abgeschlossen|aktiviert|bestätigt)|Bienvenue (?:sur|chez|dans|à|parmi)|abonnement (?:[^.\n]{1,30}? )?(?:est )?(?:confirmé|activé)|Bienvenid[oa] a|suscripción (?:confirmada|activada)|Benvenut[oa] (?:in|su|a)|abbonamento (?:è )?(?:attivato|confermato)|(?:\w*[Aa]bo|Abonnement|Mitgliedschaft|Zugang) (?:ist|wurde) (?:ab sofort |jetzt )?(?:freigeschaltet|aktiviert)|abonnement (?:est |a été )?(?:activé|ouvert)|suscripción (?:está |ha sido )?activada|abbonamento (?:è stato )?attivat[oa]|welkom bij|(?:abonnement|lidmaatschap) is (?:gestart|geactiveerd|actief)|bem-vind[oa] (?:a|ao|à)|assinatura (?:foi )?(?:ativada|confirmada))\b/i,
);

// A price change for the coming renewals ("Aggiornamento del prezzo", "Preiserhöhung", "nouveau tarif"), the price
// also called a fee ("Änderung Ihres Beitrags", "cambio de tu cuota", "évolution de votre cotisation"): a renewal
// notice whose amount is the new price.
const PRICE_CHANGE = ub(
  /\b(?:Preis(?:änderung|erhöhung|anpassung)|(?:Änderung|Anpassung|Erhöhung) (?:des|deines|Ihres|unseres|der|deiner|Ihrer) [\w-]*(?:[Pp]reis|[Bb]eitrag|[Gg]ebühr)\w*|(?:statt|anstatt|au lieu de|en lugar de|en vez de|invece di|anziché) (?=\d|€)|neue[rn]? (?:Monats|Jahres|Mitglieds)?(?:[Pp]reis|[Bb]eitrag|[Gg]ebühr)|(?:passen|erhöhen|ändern) (?:wir )?(?:unsere[rn]?|die|den|deinen|Ihren) \w*(?:[Pp]reise|[Bb]eiträge|[Gg]ebühren)|Preis [^\n.]{0,40}?(?:ändert sich|steigt|erhöht sich|wird (?:erhöht|angepasst))|(?:augmentation|modification|évolution|changement) (?:de |du )?(?:votre |ta )?(?:prix|tarif|cotisation)|nouveaux? (?:prix|tarifs?)|prix [^\n.]{0,40}?passera|nuevo precio|(?:cambio|subida|aumento|actualización) (?:de |del |en el )?(?:tu |su )?(?:precio|cuota|tarifa)|precio [^\n.]{0,40}?pasará|(?:aggiornamento|aumento|modifica|variazione) (?:del |della |di )?(?:tuo |tua |suo |sua )?(?:prezzo|quota|tariffa)|nuovo prezzo|prezzo [^\n.]{0,40}?passerà)\b/i,
);
// A bill announced, not paid: "Ihre Rechnung … ist jetzt online verfügbar", "… wird am 24.11.2026 abgebucht",
// "votre facture est disponible", "sera prélevé le …". Money not taken yet is no charge.
const BILL_ANNOUNCED = ub(
  /\b(?:Rechnung [^\n.]{0,60}?(?:ist (?:jetzt |ab sofort )?(?:online |im Kundencenter )?(?:für Sie )?(?:verfügbar|abrufbar|bereit|da)|steht [^\n.]{0,40}?bereit)|wird [^\n.]{0,80}?(?:abgebucht|eingezogen|belastet)(?! wurde)|(?:facture|relevé) [^\n.]{0,60}?est (?:disponible|en ligne)|sera (?:prélevée?|débitée?)|factura [^\n.]{0,60}?(?:está|ya está) disponible|se (?:cargará|cobrará|adeudará)|fattura [^\n.]{0,60}?è (?:disponibile|online)|verrà addebitat[oa])/i,
);

// What only a receipt says: the payment is confirmed (so a "wird … abgebucht" in it is the next payment).
const PAYMENT_CONFIRMED = ub(
  /\b(?:Quittung|Zahlungsbestätigung|Zahlungsbeleg|Kaufbeleg|Kaufbestätigung|Zahlung (?:erhalten|bestätigt|erfolgreich)|(?:Danke|Vielen Dank) für (?:deine|Ihre|deinen|Ihren) (?:Zahlung|Einkauf|Kauf)|bezahlt|reçu|merci pour votre (?:paiement|achat)|paiement (?:reçu|confirmé|effectué)|recibo|gracias por (?:tu|su) (?:pago|compra)|pago (?:recibido|confirmado|realizado)|ricevuta|grazie per (?:il tuo |il suo |l')?(?:pagamento|acquisto)|pagamento (?:ricevuto|confermato|effettuato))\b/i,
);

function kindOf(notice: Notice, text: string): EventKind | null {
  const subject = notice.subject ?? "";
  const all = `${subject}\n${text}`;
  if (REFUNDED.test(subject) || (REFUNDED.test(text) && !PAID.test(subject))) return "refund";
  if (PRICE_CHANGE.test(subject) || PRICE_CHANGE.test(text)) return "renewal_notice";
  for (const part of [subject, text]) {
    if (CANCELLED.test(part)) return "cancellation";
    // A receipt mentions its next payment; a reminder announces it without a receipt word.
    if (UPCOMING.test(part) && !PAID.test(subject)) return "renewal_notice";
    if (PAID.test(part)) return "charge";
    if (SIGNED_UP.test(part)) return "signup";
  }
  return UPCOMING.test(all) ? "renewal_notice" : null;
}

// --- how much -------------------------------------------------------------------------------------------

// Never the amount charged: net totals, taxes, subtotals, discounts, balances.
const NOT_THE_AMOUNT = ub(
  /\b(?:MwSt|USt|Umsatzsteuer|Mehrwertsteuer|Steuer|netto|Zwischensumme|Rabatt|Guthaben|TVA|HT|hors taxes?|sous-total|remise|réduction|solde|IVA|impuestos?|subtotal|descuento|saldo|imposta|imponibile|subtotale|sconto|VAT|tax|balance|discount)\b/i,
);
// Totals before plain amounts; "Total HT" / "Summe netto" are before tax, so not what was charged.
const NOT_GROSS = "(?!\\s*(?:HT|netto|net|hors|excl|sin\\s+IVA|IVA\\s+esclusa|imponibile))";
const TOTAL_LABEL = label(
  `(?:Gesamtbetrag|Gesamtsumme|Gesamtpreis|Rechnungsbetrag|Endbetrag|Zahlungsbetrag|Gesamt|Summe|Bezahlt|Montant total|Montant TTC|Total TTC|Montant payé|Total payé|Total pagado|Importe total|Importe pagado|Importo totale|Totale pagato|Importo pagato|Totale|Total)${NOT_GROSS}`,
  { lineStart: true },
);
const AMOUNT_LABEL = label(
  `(?:Betrag|Preis|Mitgliedsgebühr|Mitgliedsbeitrag|Jahresgebühr|Monatsgebühr|Gebühr|Beitrag|Montant|Prix|Cotisation|Tarif|Importe|Precio|Cuota|Tarifa|Importo|Prezzo|Quota|Canone|Tariffa)${NOT_GROSS}(?!\\s*(?:der|de la|de|della|del)?\\s*(?:MwSt|TVA|IVA))`,
  { lineStart: true },
);

/**
 * The total charged: a labelled total, else a labelled amount, else the first figure whose line does not call it
 * a tax, net or balance before it ("davon MwSt. 2,87 €" is no charge; "89,90 € (inkl. MwSt.)" is one).
 */
function chargedAmount(text: string): FoundMoney | null {
  const labelled = amountAfter(text, TOTAL_LABEL, 60) ?? amountAfter(text, AMOUNT_LABEL, 60);
  if (labelled) return labelled;
  for (const found of findMoney(text)) {
    if (!NOT_THE_AMOUNT.test(lineBefore(text, found.index))) return found;
  }
  return null;
}

/** What the amount's line says before it. */
function lineBefore(text: string, index: number): string {
  return text.slice(text.lastIndexOf("\n", index - 1) + 1, index);
}

// --- when -----------------------------------------------------------------------------------------------

const MONTHS: Record<string, number> = {};
const MONTH_NAMES: [number, string][] = [
  [1, "januar|jänner|janvier|janv|enero|ene|gennaio|gen|jan|januari|janeiro"],
  [2, "februar|feber|février|fevrier|févr|fevr|febrero|febbraio|feb|fév|fev|februari|fevereiro"],
  [3, "märz|maerz|mars|marzo|mär|mar|maart|mrt|março|marco"],
  [4, "april|avril|abril|aprile|avr|abr|apr"],
  [5, "mai|mayo|maggio|may|mag|mei|maj|maio"],
  [6, "juni|juin|junio|giugno|jun|giu|junho"],
  [7, "juli|juillet|juil|julio|luglio|jul|lug|julho"],
  [8, "august|août|aout|agosto|aug|ago|augustus|augusti"],
  [9, "september|septembre|septiembre|setiembre|settembre|sept|sep|set|setembro"],
  [10, "oktober|octobre|octubre|ottobre|okt|oct|ott|outubro"],
  [11, "november|novembre|noviembre|nov|novembro"],
  [12, "dezember|décembre|decembre|december|diciembre|dicembre|dez|déc|dec|dic|dezembro"],
];
for (const [month, names] of MONTH_NAMES) for (const name of names.split("|")) MONTHS[name] = month;
const MONTH_ALTERNATION = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|");

// "14.05.2026", "03/03/2026", "14.05.26", "2026-05-14", "14. Mai 2026", "3 mars 2026", "1er mars", "7 maart 2026",
// "3 de marzo de 2026", "14 maggio 2026", and without a year "el 02/03", "am 28.02."; day first throughout, as these
// languages write it. A year-less numeric date has a two-digit month and is no price ("12.05 €") or ratio ("24/7").
const DATE = new RegExp(
  `(?<![\\d.])(?:(\\d{4})-(\\d{2})-(\\d{2})|(\\d{1,2})[./](\\d{1,2})[./](\\d{4}|\\d{2})(?![\\d.]\\d)|(\\d{1,2})(?:er|º|°)?\\.?\\s*(?:de\\s+)?(${MONTH_ALTERNATION})\\.?(?![a-zà-ÿ])(?:\\s*(?:de\\s+)?(\\d{4}))?|(\\d{1,2})([./])(\\d{2})\\11?(?![\\d,]|[./]\\d|\\s*(?:€|EUR|CHF|£|GBP|\\$|USD|%)))`,
  "i",
);

function validDay(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * The first European-style date in `snippet` (YYYY-MM-DD). A date without a year is read back from
 * receipt for what happened ("past") and forward for what will happen ("future").
 */
export function europeanDateIn(snippet: string, anchor: number, direction: "past" | "future"): string | null {
  const match = DATE.exec(snippet);
  if (!match) return null;
  if (match[1]) return validDay(Number(match[1]), Number(match[2]), Number(match[3]));
  if (match[4]) {
    const year = Number(match[6]);
    return validDay(year < 100 ? 2000 + year : year, Number(match[5]), Number(match[4]));
  }
  if (match[10]) return yearless(Number(match[12]), Number(match[10]), anchor, direction);
  const month = MONTHS[(match[8] ?? "").toLowerCase()];
  const day = Number(match[7]);
  if (!month) return null;
  if (match[9]) return validDay(Number(match[9]), month, day);
  return yearless(month, day, anchor, direction);
}

/** A day and month without a year: the latest such date at or before receipt ("past"), the next on or after it. */
function yearless(month: number, day: number, anchor: number, direction: "past" | "future"): string | null {
  const received = new Date(anchor);
  const year = received.getUTCFullYear();
  const thisYear = validDay(year, month, day);
  if (!thisYear) return null;
  const today = received.toISOString().slice(0, 10);
  if (direction === "past") return thisYear <= today ? thisYear : validDay(year - 1, month, day);
  return thisYear >= today ? thisYear : validDay(year + 1, month, day);
}

const DATE_LABEL = label(
  "Datum|Rechnungsdatum|Kaufdatum|Bestelldatum|Zahlungsdatum|Transaktionsdatum|Buchungsdatum|Abbuchungsdatum|Belastungsdatum|Einzugsdatum|Lastschriftdatum|Date de (?:prélèvement|débit)|Fecha de (?:cargo|cobro|adeudo)|Data (?:di|dell'|del) ?addebito|Date|Date de (?:la )?(?:commande|facture|paiement|transaction)|Date d'achat|Fecha|Fecha de (?:pedido|compra|pago|factura|transacción)|Data|Data (?:dell'ordine|dell'acquisto|del pagamento|della fattura|ordine|acquisto)",
  { lineStart: true },
);
const NEXT_DATE = ub(
  /\b(?:erste[rn]?\s+(?:reguläre[rn]?\s+)?(?:Abrechnung|Abbuchung|Zahlung|Belastung)|premi(?:er|ère)\s+(?:prélèvement|paiement)|primer\s+(?:cargo|cobro|pago)|primo\s+(?:addebito|pagamento))|\b(?:nächsten?|nächste[rs]?)\s+(?:Zahlung|Abbuchung|Verlängerung|Abrechnung|Rechnung|Belastung|Zahlungstermin|Abrechnungsdatum)|verlängert sich|wird (?:am|automatisch am)|Verlängerung(?:sdatum)?|(?:Test|Probe)(?:zeitraum|phase|abo|monat|abonnement) (?:endet|läuft (?:bis|ab))|Ende (?:deines|deiner|Ihres|Ihrer|des|der) (?:kostenlosen )?(?:Test|Probe)\w*|fin de (?:votre |ton |la )?(?:période d'essai|essai)|fin del? (?:tu |su |la )?(?:prueba|per[ií]odo de prueba)|fine (?:del(?:la)? )?(?:tuo |tua )?(?:prova|periodo di prova)(?: gratuit[oa])?|prochaine?\s+(?:date\s+(?:de\s+|d')?)?(?:paiement|prélèvement|renouvellement|facturation|facture|échéance)|renouvel\w*|se renouvellera|(?:arrive|arrivera) à (?:son )?(?:échéance|terme)|(?:essai|période d'essai)[^.\n]{0,60}(?:se termine|prend fin|expire)|próxim[oa]\s+(?:fecha\s+de\s+)?(?:pago|cobro|cargo|renovación|factura|facturación)|se renovará|renovación|(?:prueba|per[ií]odo de prueba)[^.\n]{0,60}(?:termina|finaliza|vence)|prossim[oa]\s+(?:data\s+(?:di\s+|del\s+)?)?(?:pagamento|addebito|rinnovo|fattura|fatturazione)|si rinnoverà|verrà rinnovat[oa]|rinnovo|(?:prova|periodo di prova)[^.\n]{0,60}(?:termina|scade)|wordt op|verlengd op|volgende\s+(?:betaling|afschrijving|incasso|verlenging|factuur)|verlenging(?:sdatum)?|renovad[ao]\s+(?:automaticamente\s+)?(?:a|em|no dia)|próxim[ao]\s+(?:pagamento|cobrança|renovação|débito|fatura)|data de renovação|renovação/gi,
);

// A day either side of the notice's own, so that no zone's local day is missed (renewalDate).
const DAY_MS = 86_400_000;

/**
 * The next renewal a notice dates: the first date after a renewal cue that has not passed, and for a receipt one
 * after its own day ("a bien été renouvelé le 4 novembre" is the renewal just paid; its "Prochaine échéance" comes
 * after it).
 */
function renewalDate(text: string, notice: Notice, paid: boolean): string | null {
  const sent = notice.sentAt ?? notice.receivedAt;
  const earliest = new Date(paid ? sent + DAY_MS : sent - DAY_MS).toISOString().slice(0, 10);
  NEXT_DATE.lastIndex = 0;
  for (let match = NEXT_DATE.exec(text); match; match = NEXT_DATE.exec(text)) {
    const start = match.index + match[0].length;
    const date = europeanDateIn(text.slice(start, start + 60), notice.receivedAt, "future");
    if (date && date >= earliest) return date;
  }
  return null;
}

function transactionInstant(text: string, notice: Notice): string | null {
  const value = valueAfter(text, DATE_LABEL);
  const date = value ? europeanDateIn(value, notice.receivedAt, "past") : null;
  return date ? zonedDayInstant(date, notice.sentAt ?? notice.receivedAt, notice.timeZone) : null;
}

// --- who, which order, which card -------------------------------------------------------------------------

const REFERENCE_LABEL = label(
  "Bestellnummer|Bestell-Nr\\.?|Auftragsnummer|Rechnungsnummer|Rechnungs-Nr\\.?|Belegnummer|Transaktions-?(?:ID|nummer)|Referenznummer|Numéro de (?:commande|facture|transaction)|N[°º] de (?:commande|facture)|ID de (?:transaction|commande)|Référence (?:de (?:la |votre )?)?(?:commande|facture|transaction|paiement|dossier|abonnement)|Référence|Número de (?:pedido|factura|transacción|orden)|N\\.?º de (?:pedido|factura)|ID de transacción|Referencia (?:del? (?:la )?)?(?:pedido|pago|compra|transacción|operación|factura)|Referencia|Numero (?:d'ordine|dell'ordine|ordine|di fattura|fattura|della transazione)|N\\. (?:ordine|fattura)|ID (?:transazione|ordine)|Riferimento (?:dell'|del |della |di )?(?:ordine|pagamento|acquisto|transazione|fattura)|Riferimento|Bestellreferenz|Referenz|Bestelnummer|Ordernummer|Factuurnummer|Transactienummer|Referentie|Número (?:da |de )?(?:encomenda|fatura|pedido|transação)|N\\.º (?:da |de )?(?:encomenda|fatura)|Referência|Order (?:ID|number)|Transaction ID",
);
const REFERENCE_VALUE = /^#?\s*([A-Za-z0-9][A-Za-z0-9._\-/]{3,40})/;

function referenceIn(text: string): string | null {
  const value = valueAfter(text, REFERENCE_LABEL);
  const token = value ? REFERENCE_VALUE.exec(value)?.[1] : undefined;
  return token && /\d/.test(token) ? token : null;
}

const NAME = "([A-Z0-9][^\\n.,;:!?()]{0,40}?)";
// The name ends before the verb of its sentence ("… bei Adobe Creative Cloud gekündigt wurde"), before its amount
// ("Einkauf bei Zalando über 89,95 €") or at a stop.
const NAME_END =
  "(?=\\s+(?:ist|wurde|wird|hat|haben|gekündigt|beendet|storniert|verlängert|aktiviert|bestätigt|abgeschlossen|est|a|été|sera|es|ha|fue|será|è|sarà|per|pour|para|für|und|et|y|e|über|in Höhe|d'un montant|por importe|por valor|di importo|per un importo)\\b|\\s+[–—|]\\s|\\s*[.,;:!?(\\n]|\\s*$)";
const MERCHANT_IN_TEXT = [
  new RegExp(
    `\\b(?:Einkauf|Kauf|Bestellung|Zahlung|Abo|Abonnement|Mitgliedschaft|Rechnung) (?:bei|an|von) ${NAME}${NAME_END}`,
  ),
  new RegExp(
    `\\b(?:achat|commande|paiement|abonnement) (?:chez|sur|auprès de|à) ${NAME}${NAME_END}|\\b(?:reçu|facture) (?:de|d'|chez) ?${NAME}${NAME_END}`,
  ),
  new RegExp(`\\b(?:compra|pedido) en ${NAME}${NAME_END}|\\b(?:pago|suscripción) a ${NAME}${NAME_END}`),
  new RegExp(
    `\\b(?:acquisto|ordine) (?:su|da|presso) ${NAME}${NAME_END}|\\b(?:pagamento|abbonamento) a ${NAME}${NAME_END}`,
  ),
  new RegExp(
    `\\b(?:Willkommen bei|Bienvenue (?:sur|chez|dans|à)|Bienvenid[oa] a|Benvenut[oa] (?:in|su|a)) ${NAME}${NAME_END}`,
  ),
];
// "Votre reçu Spotify", "Deine Quittung für Spotify Premium (Mai)", "Tu recibo de Netflix".
const MERCHANT_IN_SUBJECT =
  /^\s*(?:(?:votre|ton|deine?|ihre?|tu|su|il tuo|la tua|la sua)\s+)?(?:reçu|facture|Quittung|Rechnung|Zahlungsbestätigung|recibo|factura|ricevuta|fattura)\s+(?:(?:de|von|für|bei|di|da|per)\s+|d['’]\s*)?([A-Z0-9][^\n.,;:!?()]{0,40}?)\s*(?:[.,;:!?(]|$)/i;
// The period a bill is for, after the name in its subject: "Votre facture Libération - octobre 2025".
const PERIOD_AFTER = new RegExp(`\\s*[-–—|]\\s*(?:${MONTH_ALTERNATION})\\.?\\s+\\d{4}\\s*$`, "i");
// German compounds name the service before the hyphen: "Deine Spotify-Quittung", "Ihre Amazon Prime-Mitgliedschaft".
const COMPOUND_NAME =
  /(?:^|[\s(„"])((?:[A-Z0-9][\w+&.!]*\s){0,3}[A-Z0-9][\w+&.!]*)-(?:Quittung|Rechnung|Mitgliedschaft|Abonnement|Abo|Zahlung|Bestellung|Konto)\b/g;
const POSSESSIVE = /^(?:(?:Ihre?|Deine?|Dein|Eure?|Unsere?|Der|Die|Das|Neue)\s+)+/;

/** The first compound that names a service, not a plan's tier ("dein Standard-Abo" names none). */
function compoundName(text: string): string | null {
  for (const match of text.matchAll(COMPOUND_NAME)) {
    const name = cleanMerchant(match[1]?.replace(POSSESSIVE, ""));
    if (name && !isPlanTier(name)) return name;
  }
  return null;
}

const HAS_LETTER = /\p{L}/u;

// An Outlook forward the unwrapper left in place still says who wrote the notice: "De : Spotify <…>".
const FORWARDED_FROM = /^[ \t>*]*(?:From|De|Von|Da|Van|Od)[ \t]*:[ \t*]*"?([^"<\n]{2,60}?)"?[ \t]*<[^>\n]+@[^>\n]+>/m;

/** The payee a sentence names: "Kauf bei …", "Bienvenue chez …". */
function namedIn(text: string): string | null {
  for (const pattern of MERCHANT_IN_TEXT) {
    const match = pattern.exec(text);
    const name = cleanMerchant(match?.slice(1).find((group) => group !== undefined));
    // "Zahlung von 17,99 €" names an amount, not a payee.
    if (name && HAS_LETTER.test(name)) return name;
  }
  return null;
}

function merchantOf(notice: Notice, text: string): string | null {
  const brand = senderBrand(notice);
  const inner = cleanMerchant(FORWARDED_FROM.exec(text.slice(0, 3000))?.[1]);
  const named = namedIn(text);
  if (named) return brandOfPlan(named, inner ?? brand);
  const subject = notice.subject ?? "";
  // "Zahlungsbestätigung für Ihr NZZ-Abo": the compound's service, not the subscription.
  const subjectName = cleanMerchant(MERCHANT_IN_SUBJECT.exec(subject)?.[1]?.replace(PERIOD_AFTER, ""));
  const inSubject =
    (subjectName && compoundName(subjectName)) ?? subjectName ?? namedIn(subject) ?? compoundName(subject);
  if (inSubject) return brandOfPlan(inSubject, inner ?? brand);
  const compound = compoundName(text.slice(0, 2000));
  if (compound) return brandOfPlan(compound, inner ?? brand);
  return inner ?? brand;
}

const PAYMENT_METHOD_LABEL = label(
  "Zahlungsmethode|Zahlungsmittel|Zahlungsart|Zahlweise|Bezahlart|Bezahlt mit|Moyen de paiement|Mode de paiement|Moyen de règlement|Mode de règlement|Payé avec|Método de pago|Forma de pago|Medio de pago|Pagado con|Metodo di pagamento|Modalità di pagamento|Pagato con|Betaalmethode|Betaalwijze|Betaald met|Método de pagamento|Forma de pagamento|Meio de pagamento|Pago com|Payment method",
);
const CARD_ENDING = ub(
  /\b(?:endet (?:auf|mit)|endend auf|(?:mit der )?Endung|se terminant par|finissant par|terminée? par|terminada en|que termina en|terminante (?:in|con)|che termina (?:in|con)|acabad[ao] en|eindigend op|eindigt op|met eindcijfers|terminad[ao] em|com final|ending in)\s*(\d{4})\b/i,
);
const EU_CARD_WORDS = ub(
  /\b(?:Kreditkarte|Karte|carte bancaire|carte|tarjeta|carta di credito|carta|creditcard|betaalkaart|kaart|cartão)\b/i,
);

const ACCOUNT_BEFORE = /\b(?:rekening|conta|Konto|compte|cuenta|conto)\s*$/i;

function channelAndTail(text: string): { channel: PaymentChannel | null; card_tail: string | null } {
  const at = text.search(PAYMENT_METHOD_LABEL);
  const method = at >= 0 ? text.slice(at, at + 120) : "";
  const ending = CARD_ENDING.exec(text);
  // "afgeschreven van je rekening eindigend op 4827": the digits of a bank account, not of a card.
  const ofAccount = ending && ACCOUNT_BEFORE.test(text.slice(Math.max(0, ending.index - 20), ending.index));
  const card_tail = (ofAccount ? null : ending?.[1]) ?? (method ? cardTailIn(method) : null) ?? null;
  if (/\bpaypal\b/i.test(method)) return { channel: "paypal", card_tail: null };
  if (/\bgoogle play\b/i.test(method)) return { channel: "google_play", card_tail };
  if (card_tail || mentionsCard(method) || EU_CARD_WORDS.test(method)) return { channel: "credit_card", card_tail };
  return { channel: null, card_tail };
}

// --- the reader -----------------------------------------------------------------------------------------

/**
 * German, French, Spanish and Italian notices: null for anything else (English goes to the English
 * reader), "other" for codes, deliveries, failed payments and newsletters.
 */
export const readGenericEuropean: Extractor = (notice) => {
  const text = notice.text;
  const head = `${notice.subject ?? ""}\n${text.slice(0, 4000)}`;
  if (!isLatinScript(head) || !isContinentalEuropean(head)) return null;
  if (CODE.test(head) || DELIVERY.test(head) || FAILED.test(head)) return otherEnglishEvent(notice);
  const kind = kindOf(notice, text);
  if (!kind) return UNSUBSCRIBE_ONLY.test(head) ? otherEnglishEvent(notice) : null;
  // A bill that is only announced ("wird am … abgebucht") has taken no money yet.
  if (kind === "charge" && BILL_ANNOUNCED.test(head) && !PAYMENT_CONFIRMED.test(head)) return otherEnglishEvent(notice);
  // A cancellation moves no money: a win-back price or the fee that ends is no amount.
  const found =
    kind === "cancellation"
      ? null
      : (kind === "renewal_notice" && PRICE_CHANGE.test(head) && newPriceIn(text)) ||
        ((kind === "signup" || kind === "renewal_notice") && thenPriceIn(text)) ||
        chargedAmount(text);
  if ((kind === "charge" || kind === "refund") && !found) return otherEnglishEvent(notice);
  const merchant = merchantOf(notice, text);
  return englishEvent(notice, {
    kind,
    found,
    merchant,
    merchant_legal: legalPayeeIn(text, merchant),
    occurred_at: kind === "charge" || kind === "refund" ? transactionInstant(text, notice) : null,
    reference: referenceIn(text),
    ...channelAndTail(text),
    renews_at: kind === "cancellation" || kind === "refund" ? null : renewalDate(text, notice, kind === "charge"),
  });
};
