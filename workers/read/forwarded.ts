// Forwarded mail: find the notice inside the forwarder's quoting (Gmail, Outlook in several
// languages, Apple Mail, QQ Mail, 163/126) and return its own sender, date, subject and body. Pure.
import { europeanDateIn } from "./generic-eu";

export interface ForwardedNotice {
  text: string;
  sender?: string;
  senderName?: string;
  subject?: string;
  /**
   * The inner notice's date as the forwarder wrote it (parsed by the caller, who knows the zone); one written in
   * German, French, Spanish or Italian ("gio 7 mag 2026 alle ore 09:12") comes rewritten as "2026-05-07 09:12".
   */
  date?: string;
}

// Lines that start a forwarded block. Gmail: "---------- Forwarded message ---------" (localised: "Messaggio
// inoltrato", "Mensaje reenviado", "Weitergeleitete Nachricht"…); Outlook: "-----Original Message-----" or a
// "____" rule; Apple Mail: "Begin forwarded message:"; QQ Mail: "------------------ 原始邮件 ------------------";
// 163/126: "-------- 转发邮件信息 --------".
const MARKER =
  /^[ \t>*]*(?:-{2,}[ \t]*(?:Forwarded message|Original Message|Message d'origine|Ursprüngliche Nachricht|Mensaje original|Mensaje reenviado|Messaggio inoltrato|Messaggio originale|Mensagem encaminhada|Mensagem original|Doorgestuurd bericht|Oorspronkelijk bericht|原始邮件|原始郵件|转发邮件信息|転送メッセージ|전달된 메일|전달된 메시지|轉寄郵件資訊|已转发邮件|转发的邮件|Weitergeleitete Nachricht|Message transféré)[ \t]*-{2,}|(?:Begin forwarded message|Anfang der weitergeleiteten Nachricht|Début du message (?:réexpédié|transféré)|Inicio del mensaje reenviado|Inizio messaggio inoltrato|Begin doorgestuurd bericht|Início da mensagem reencaminhada) ?:|开始转发的邮件：|開始轉寄的郵件：|転送されたメッセージ ?[:：]|전달된 메시지 ?[:：]|_{10,})[ \t]*$/im;

const LABELS: Record<string, keyof Omit<ForwardedNotice, "text"> | "other"> = {
  from: "sender",
  de: "sender",
  von: "sender",
  da: "sender",
  van: "sender",
  发件人: "sender",
  寄件者: "sender",
  寄件人: "sender",
  差出人: "sender",
  送信者: "sender",
  보낸사람: "sender",
  "보낸 사람": "sender",
  date: "date",
  sent: "date",
  envoyé: "date",
  gesendet: "date",
  datum: "date",
  enviado: "date",
  fecha: "date",
  inviato: "date",
  data: "date",
  enviada: "date",
  verzonden: "date",
  发送时间: "date",
  发送日期: "date",
  日期: "date",
  時間: "date",
  寄件日期: "date",
  送信日時: "date",
  日付: "date",
  날짜: "date",
  "보낸 날짜": "date",
  subject: "subject",
  objet: "subject",
  betreff: "subject",
  asunto: "subject",
  oggetto: "subject",
  assunto: "subject",
  onderwerp: "subject",
  主题: "subject",
  主旨: "subject",
  件名: "subject",
  제목: "subject",
  to: "other",
  à: "other",
  an: "other",
  para: "other",
  a: "other",
  aan: "other",
  cc: "other",
  ccn: "other",
  bcc: "other",
  kopie: "other",
  收件人: "other",
  收件者: "other",
  副本: "other",
  宛先: "other",
  받는사람: "other",
  "받는 사람": "other",
  참조: "other",
  抄送: "other",
  "reply-to": "other",
};

// "From: x", "*From:* x", "De : x", "发件人：x" — labels may be bold, and colons full-width.
const HEADER_LINE = /^[ \t>]*\*?([\p{L}-]+(?: [\p{L}-]+)?)\*?[ \t]*[:：]\*?[ \t]*(.*)$/u;

function parseAddress(value: string): Pick<ForwardedNotice, "sender" | "senderName"> {
  const cleaned = value.replace(/\*/g, "").trim();
  const angle = /^(.*?)[<[](?:mailto:)?([^<>[\]\s]+@[^<>[\]\s]+)[>\]]/.exec(cleaned);
  if (angle) {
    const name = (angle[1] ?? "").replace(/^["'\s]+|["'\s]+$/g, "");
    return { sender: (angle[2] ?? "").toLowerCase(), ...(name && { senderName: name }) };
  }
  const bare = /[^\s<>"']+@[^\s<>"']+/.exec(cleaned);
  if (bare) return { sender: bare[0].toLowerCase() };
  return cleaned ? { senderName: cleaned } : {};
}

/** Strips one level of "> " quoting when most lines carry it (Apple Mail and some clients quote forwards). */
function unquote(text: string): string {
  const lines = text.split("\n");
  const quoted = lines.filter((line) => line.startsWith(">")).length;
  if (quoted < lines.filter((line) => line.trim()).length * 0.6) return text;
  return lines.map((line) => line.replace(/^> ?/, "")).join("\n");
}

// After the day: the time ("09:12", "9:12:05 PM", "14h31") and a zone ("UTC+2", "+0100", "MESZ").
const TIME_AFTER =
  /^[^\d\n]{0,16}?(\d{1,2})[:h.](\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\.?(?![a-z]))?(?:\s*\(?((?:GMT|UTC)\s*[+-]\d{1,2}(?::?\d{2})?|[+-]\d{4}|MESZ|MEZ|CEST|CET|WEST|WET|EEST|EET|BST|GMT|UTC)(?![a-z]))?/i;
const NUMERIC_DATE = /(?<![\d.])\d{1,2}[./]\d{1,2}[./]\d{2,4}/;
// German zone names, as an English date reader knows them.
const ZONE_NAMES: Record<string, string> = { MESZ: "CEST", MEZ: "CET" };

// A date written year first, as Chinese, Japanese and Korean clients and Naver write it, with a weekday and a
// meridiem word between the day and the time: "2025年12月1日 星期一 下午 03:12", "2026年3月15日(星期日) 下午3:02",
// "2025-08-02 (토) 23:47:30 (GMT+08:00)", "2026년 1월 9일 (금) 오후 12:30 KST".
const YEAR_FIRST = /(?<!\d)(\d{4})\s*(?:年|년|[-/.])\s*(\d{1,2})\s*(?:月|월|[-/.])\s*(\d{1,2})(?!\d)\s*(?:日|일)?/;
const WEEKDAY =
  /^[\s,，]*(?:[(（]\s*)?(?:(?:星期|禮拜|礼拜|週|周)[一二三四五六日天]|[月火水木金土日](?:曜日?)?|[월화수목금토일](?:요일)?)(?:\s*[)）])?/;
const EAST_TIME =
  /^[\s,，]*(上午|下午|午前|午後|오전|오후|凌晨|早上|中午|晚上)?\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?(?:\s*([ap])\.?m\.?(?![a-z]))?(?:\s*\(?\s*((?:GMT|UTC)\s*[+-]\d{1,2}(?::?\d{2})?|[+-]\d{4}|JST|KST|HKT|SGT)(?![a-z])\s*\)?)?/i;
const AFTERNOON = /^(?:下午|午後|오후|中午|晚上|p)$/i;
const MORNING = /^(?:上午|午前|오전|凌晨|早上|a)$/i;
// Zones named by their abbreviation that mean one offset wherever these clients are used (CST does not).
const EAST_ZONES: Record<string, string> = { JST: "+0900", KST: "+0900", HKT: "+0800", SGT: "+0800" };

const pad = (value: string | number) => String(value).padStart(2, "0");

function yearFirstDate(value: string): string | null {
  const date = YEAR_FIRST.exec(value);
  if (!date) return null;
  const day = `${date[1]}-${pad(date[2] ?? "")}-${pad(date[3] ?? "")}`;
  let rest = value.slice(date.index + date[0].length);
  rest = rest.slice(WEEKDAY.exec(rest)?.[0].length ?? 0);
  const time = EAST_TIME.exec(rest);
  if (!time) return day;
  const meridiem = time[1] ?? time[5] ?? "";
  let hour = Number(time[2]);
  if (AFTERNOON.test(meridiem)) hour = (hour % 12) + 12;
  else if (MORNING.test(meridiem)) hour %= 12;
  const clock = `${pad(hour)}:${time[3]}${time[4] ? `:${time[4]}` : ""}`;
  const zone = time[6] ? ` ${EAST_ZONES[time[6].toUpperCase()] ?? time[6]}` : "";
  return `${day} ${clock}${zone}`;
}

/**
 * A forwarded date written day first with local month names, as an ISO date and time a date reader of any
 * language reads: "Mittwoch, 25. Februar 2026 09:02" → "2026-02-25 09:02". An all-numeric date is read day first
 * only under a label in those languages (an English forward's "5/7/2026" is month first); English dates are kept.
 */
function readableDate(value: string, labelWord: string): string {
  const yearFirst = yearFirstDate(value);
  if (yearFirst) return yearFirst;
  if (NUMERIC_DATE.test(value) && /^(?:date|sent)$/i.test(labelWord)) return value;
  // Only a date with its year: the forward's own time is not known here to complete one without.
  const yearAt = value.search(/(?<!\d)\d{4}(?!\d)/);
  const day = yearAt >= 0 ? europeanDateIn(value, 0, "past") : null;
  if (!day) return value;
  const time = TIME_AFTER.exec(value.slice(yearAt + 4));
  if (!time) return day;
  let hour = Number(time[1]);
  if (time[4]) hour = (hour % 12) + (/p/i.test(time[4]) ? 12 : 0);
  const clock = `${String(hour).padStart(2, "0")}:${time[2]}${time[3] ? `:${time[3]}` : ""}`;
  const zone = time[5] ? ` ${ZONE_NAMES[time[5].toUpperCase()] ?? time[5]}` : "";
  return `${day} ${clock}${zone}`;
}

/** The "Label: value" header block from `lines[start]` on, then the notice under it; null when there is none. */
function headerBlock(lines: string[], start: number): { notice: ForwardedNotice; fields: Set<string> } | null {
  const notice: ForwardedNotice = { text: "" };
  const fields = new Set<string>();
  let index = start;
  // Skip blank lines, then read "Label: value" lines until the first line that is not one.
  while (index < lines.length && !lines[index]?.trim()) index += 1;
  for (; index < lines.length; index += 1) {
    const line = lines[index] ?? "";
    const header = HEADER_LINE.exec(line);
    const field = header && LABELS[(header[1] ?? "").toLowerCase()];
    if (!header || !field) break;
    fields.add(field);
    const value = (header[2] ?? "").trim();
    if (field === "sender") Object.assign(notice, parseAddress(value));
    else if (field === "date") notice.date = readableDate(value.replace(/\*/g, "").trim(), header[1] ?? "");
    else if (field === "subject") notice.subject = value.replace(/^\*|\*$/g, "").trim();
  }
  // A rule line with no header block under it is just a rule, not a forward.
  if (fields.size === 0) return null;
  notice.text = lines.slice(index).join("\n").trim();
  return { notice, fields };
}

// A line that opens a forwarded header block with its sender: "De : …", "寄件者: …", "差出人: …", "보낸사람: …".
const SENDER_LINE = new RegExp(
  `^[ \\t>]*\\*?(?:${Object.keys(LABELS)
    .filter((label) => LABELS[label] === "sender")
    .join("|")})\\*?[ \\t]*[:：]`,
  "gim",
);
// How many sender-like lines are tried as the start of a header block: a notice's own "From:" rows are few.
const MAX_SENDER_LINES = 8;

/**
 * A forward whose marker line was lost (Outlook's HTML sets its header block under a border, not a rule): a
 * block that names the sender, the date and the subject, as a forward's does and a notice's own rows
 * ("From: Visa Debit card ending 2047", "To: SHOP") do not.
 */
function markerless(text: string): ForwardedNotice | null {
  SENDER_LINE.lastIndex = 0;
  let lines: string[] | undefined;
  for (let tries = 0; tries < MAX_SENDER_LINES; tries += 1) {
    const line = SENDER_LINE.exec(text);
    if (!line) return null;
    lines ??= text.split("\n");
    const start = text.slice(0, line.index).split("\n").length - 1;
    const block = headerBlock(lines, start);
    if (block?.fields.has("date") && block.fields.has("subject")) return block.notice;
  }
  return null;
}

function unwrapOnce(text: string): ForwardedNotice | null {
  const marker = MARKER.exec(text);
  const marked = marker && headerBlock(unquote(text.slice(marker.index + marker[0].length)).split("\n"), 0);
  return marked ? marked.notice : markerless(text);
}

/** The innermost forwarded notice, or null when the text is not a forward. */
export function unwrapForward(text: string): ForwardedNotice | null {
  let found: ForwardedNotice | null = null;
  let current = text;
  // Forwards of forwards: keep the innermost, bounded so hostile input cannot loop long.
  for (let depth = 0; depth < 5; depth += 1) {
    const inner = unwrapOnce(current);
    if (!inner) break;
    found = inner;
    current = inner.text;
  }
  return found;
}
