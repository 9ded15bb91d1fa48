// SMS-forwarder posts → Notice. Android SMS-forwarder apps and iOS Shortcuts send the SMS text,
// its sender and a timestamp under varying names, as JSON or form fields. Pure.
import { realInstant } from "../../schema/vocabulary";
import { normalizeLines } from "./html";
import type { Notice } from "./types";

const TEXT_KEYS = ["content", "text", "msg", "message", "body", "sms", "smsContent", "sms_content"];
const SENDER_KEYS = ["from", "sender", "phone", "phoneNumber", "number", "address", "originatingAddress"];
const TIME_KEYS = ["timestamp", "sentStamp", "receivedStamp", "sent_at", "received_at", "time", "date"];

function firstString(fields: Record<string, unknown>, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = fields[key];
    if (typeof value === "string" && value.trim()) return value;
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
  }
  return undefined;
}

/** Seconds, milliseconds (as number or digits) or an ISO 8601 string → ms since epoch. */
export function parseTimestamp(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d{9,13}(\.\d+)?$/.test(trimmed)) {
    const number = Number(trimmed);
    return number >= 1e12 ? Math.round(number) : Math.round(number * 1000);
  }
  // An impossible date (02-30) is no time at all, like an unreadable one: the arrival time stands in.
  return realInstant(trimmed);
}

// pppscn/SmsForwarder's default `content` is not the bare SMS but a block:
// "{from}\n{sms}\n{SIM line}\nSubId：{n}\n{yyyy-MM-dd HH:mm:ss}\n{device}". Keep only the SMS.
function smsForwarderBlock(content: string, sender: string | undefined): string {
  const lines = content.replace(/\r\n?/g, "\n").split("\n");
  const subId = lines.findIndex((line) => /^SubId[:：]\s*\d+\s*$/i.test(line.trim()));
  if (subId < 0) return content;
  const start = sender && lines[0]?.trim() === sender.trim() ? 1 : 0;
  // The line before "SubId" is the SIM line (e.g. "SIM1_中国移动_+8613800138000").
  const end = subId > start + 1 && /^SIM\d|卡槽|^SIM[:：_]/i.test(lines[subId - 1]?.trim() ?? "") ? subId - 1 : subId;
  return lines.slice(start, end).join("\n");
}

export interface SmsPost {
  text: string;
  sender?: string;
  sentAt?: number;
}

/** The SMS in a forwarder's fields, or null when no text field is present. */
export function smsFromFields(fields: Record<string, unknown>): SmsPost | null {
  const content = firstString(fields, TEXT_KEYS);
  if (!content) return null;
  const sender = firstString(fields, SENDER_KEYS)?.trim();
  const text = normalizeLines(smsForwarderBlock(content, sender));
  if (!text) return null;
  return { text, sender, sentAt: parseTimestamp(firstString(fields, TIME_KEYS)) };
}

/** The notice of a posted SMS; `timeZone` is the user's, when known. */
export function smsNotice(sms: SmsPost, receivedAt: number, timeZone?: string): Notice {
  const notice: Notice = { text: sms.text, sender: sms.sender, sentAt: sms.sentAt, receivedAt, source: "sms" };
  if (timeZone) notice.timeZone = timeZone;
  return notice;
}
