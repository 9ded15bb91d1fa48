// An alert as its reader sees it now: title and body rendered again from the alert's stored facts in the reader's
// current language, so switching language switches every alert too. The stored title and body stay what was
// sent, in the language of that day; they are shown only for alerts stored before facts were kept.
import type { AlertRow } from "../db/alerts";
import { type Links, timelineLink } from "../secrets/links";
import { type Locale, renderAlert } from "./alerts";

type Stored = Pick<AlertRow, "kind" | "facts" | "title" | "body" | "membershipId">;

/** The facts to render from, or null when there are none to speak of (an old row). */
const factsOf = (alert: Pick<AlertRow, "facts">) =>
  alert.facts && Object.keys(alert.facts).length > 0 ? alert.facts : null;

/** The alert's title in `locale`. */
export function alertTitle(alert: Pick<AlertRow, "kind" | "facts" | "title">, locale: Locale): string {
  const facts = factsOf(alert);
  return facts ? renderAlert({ kind: alert.kind, facts }, locale).title : alert.title;
}

/**
 * The alerts with title and body in `locale`, the body with the membership's cancel steps as they are now and,
 * with links configured, a fresh link to its timeline (one per membership), as a new alert would carry.
 */
export async function inLocale<T extends Stored & { cancelSteps: string | null }>(
  alerts: T[],
  locale: Locale,
  links: Links | null,
  now: number,
): Promise<T[]> {
  const timelines = new Map<string, Promise<string>>();
  const timelineOf = (membershipId: string) => {
    if (!links) return undefined;
    const known = timelines.get(membershipId) ?? timelineLink(links, membershipId, now);
    timelines.set(membershipId, known);
    return known;
  };
  return Promise.all(
    alerts.map(async (alert) => {
      const facts = factsOf(alert);
      if (!facts) return alert;
      const timelineUrl = alert.membershipId ? await timelineOf(alert.membershipId) : undefined;
      const { title, body } = renderAlert({ kind: alert.kind, facts }, locale, {
        cancelSteps: alert.cancelSteps,
        timelineUrl,
      });
      return { ...alert, title, body };
    }),
  );
}
