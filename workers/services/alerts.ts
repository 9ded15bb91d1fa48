// Resolving one of the user's alerts by hand, shared by POST /alerts/{id}/resolve and the alerts page.
import type { AlertResolutionOutput } from "../../schema/alerts";
import type { USER_RESOLUTIONS } from "../../schema/tables";
import { type AlertRow, type AlertWithDeliveries, alertOfUser, resolveAlertOfUser } from "../db/alerts";
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

/**
 * Resolves one of the user's open alerts with their reason, withdrawing what it still had to send. Another
 * user's alert is not found, an alert already resolved a conflict (with its resolution); neither changes anything.
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
  return after;
}
