// unknown_subscription: a charge or signup no membership claims, when it looks like it will recur.
import { daysBetween } from "./cycle";
import { dayOf } from "./history";
import type { AlertDraft, EventRow, RuleContext } from "./types";

/** How a merchant string compares: full-width and compatibility forms folded, case and padding ignored. */
export function merchantKey(merchant: string): string {
  return merchant.normalize("NFKC").trim().toLowerCase();
}

// Gaps (in days) between two charges that read as one billing cycle: weekly, monthly, yearly.
const CYCLE_GAPS: { unit: "week" | "month" | "year"; min: number; max: number }[] = [
  { unit: "week", min: 6, max: 8 },
  { unit: "month", min: 25, max: 35 },
  { unit: "year", min: 355, max: 375 },
];

export function unknownSubscription(event: EventRow, earlierUnmatched: EventRow[], ctx: RuleContext): AlertDraft[] {
  if (event.kind !== "signup" && event.kind !== "charge") return [];
  const day = dayOf(event.occurredAt, ctx.timeZone);
  if (!day) return [];
  const key = event.merchant ? merchantKey(event.merchant) : "";

  let previous: { day: string; gap: number; unit: string } | null = null;
  if (event.kind === "charge") {
    // A lone charge could be anything; a second one about a cycle after the first is a subscription.
    if (!key) return [];
    for (const earlier of earlierUnmatched) {
      if (earlier.id === event.id || earlier.kind !== "charge" || !earlier.merchant) continue;
      if (merchantKey(earlier.merchant) !== key) continue;
      const earlierDay = dayOf(earlier.occurredAt, ctx.timeZone);
      if (!earlierDay) continue;
      const gap = daysBetween(earlierDay, day);
      const cycle = CYCLE_GAPS.find((candidate) => gap >= candidate.min && gap <= candidate.max);
      // The nearest earlier charge that fits tells the cycle best.
      if (cycle && (!previous || gap < previous.gap)) previous = { day: earlierDay, gap, unit: cycle.unit };
    }
    if (!previous) return [];
  }

  // A signup without a merchant name still deserves a warning; its event id keeps it apart from others.
  const period = day.slice(0, 7);
  return [
    {
      kind: "unknown_subscription",
      membershipId: null,
      eventId: event.id,
      dedupeKey: `unknown_subscription:${key || `event-${event.id}`}:${period}`,
      facts: {
        name: event.merchant,
        merchant: event.merchant,
        amount_minor: event.amountMinor,
        currency: event.currency,
        channel: event.channel,
        occurred_on: day,
        renewal_on: event.renewsAt,
        previous_on: previous?.day ?? null,
        days_between: previous?.gap ?? null,
        cycle_unit: previous?.unit ?? null,
      },
    },
  ];
}
