// What the reader tests share: a notice e-mailed by a sender an hour before it arrived, and the event read from it
// without its provenance.
import { extractEvent } from "../../workers/read/index";
import type { Notice } from "../../workers/read/types";

export const RECEIVED = Date.parse("2026-03-10T04:00:00Z");

export function emailed(fields: Partial<Notice> & { lines: string[] }): Notice {
  const { lines, ...rest } = fields;
  return { receivedAt: RECEIVED, sentAt: RECEIVED - 3_600_000, source: "email", ...rest, text: lines.join("\n") };
}

export function readEvent(notice: Notice) {
  const { provenance: _provenance, ...event } = extractEvent(notice);
  return event;
}
