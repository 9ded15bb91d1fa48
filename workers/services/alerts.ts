// Resolving one of the user's alerts by hand, shared by POST /alerts/{id}/resolve and the alerts page.
import type { AlertResolutionOutput } from "../../schema/alerts";
import type { USER_RESOLUTIONS } from "../../schema/tables";
import { type AlertRow, type AlertWithDeliveries, alertOfUser, resolveAlertOfUser } from "../db/alerts";
import { updateMembership } from "../db/memberships";
import { localDate } from "../time/zones";
import type { UserCtx } from "./context";
import { DomainError, notFound } from "./errors";

/** How an alert was resolved, or null while it is open. */
export function resolutionOf(
  row: Pick<AlertRow, "state" | "resolution" | "resolvedBy" | "resolvedAt">,
): AlertResolutionOutput | null {
  if (row.state !== "resolved" || !row.resolution) return null;
  return { reason: row.resolution, by: row.resolvedBy ?? "user", resolved_at: row.resolvedAt ?? "" };
}

const alreadyResolved = (row: AlertRow) =>
  new DomainError(
    "conflict",
    "already_resolved",
    `This alert was already resolved (${row.resolution ?? "resolved"}, ${row.resolvedAt ?? "earlier"}).`,
    { details: { resolution: resolutionOf(row) } },
  );

/** The period a reminder is about (its renewal, or its trial's end): "keep it" for that period stops its ladder. */
function reminderPeriod(alert: AlertRow): string | null {
  const facts = alert.facts ?? {};
  const period =
    alert.kind === "trial_ending"
      ? facts.trial_ends_on
      : alert.kind === "renewal_upcoming" || alert.kind === "cancel_deadline"
        ? facts.renewal_on
        : null;
  return typeof period === "string" ? period : null;
}

/**
 * Resolves one of the user's open alerts with their reason, withdrawing what it still had to send. Another
 * user's alert is not found, an alert already resolved a conflict (with its resolution); neither changes anything.
 * "kept" on a reminder also stops the rest of its ladder for that period: the user has decided.
 */
export async function resolveAlert(
  ctx: UserCtx,
  id: string,
  reason: (typeof USER_RESOLUTIONS)[number],
): Promise<AlertWithDeliveries> {
  const { db, user } = ctx;
  const found = await alertOfUser(db, user.id, id);
  if (!found) throw notFound("Alert");
  if (found.state === "resolved") throw alreadyResolved(found);
  const at = new Date(ctx.now).toISOString();
  const resolved = await resolveAlertOfUser(db, user.id, id, { reason, by: "user", at });
  const after = await alertOfUser(db, user.id, id);
  if (!after) throw notFound("Alert");
  // Resolved in between by another request (or by the system): say so rather than claim this reason.
  if (!resolved) throw alreadyResolved(after);
  const period = reason === "kept" && after.membershipId ? reminderPeriod(after) : null;
  // The next sweep looks at the membership again (from today), without the reminders the user declined.
  if (period && after.membershipId) {
    const today = localDate(ctx.now, user.timezone);
    await updateMembership(db, user.id, after.membershipId, { keptFor: period, updatedAt: at, nextDueOn: today });
  }
  return after;
}
