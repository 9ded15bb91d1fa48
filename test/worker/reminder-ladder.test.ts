// Reminders on a ladder of lead times, through the real API and the real scheduled handler: each rung is sent
// once, on its day, with the channels it adds; the ladder stops once the user says "keep it" or cancels.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { addDays } from "../../workers/time/zones";
import { testNow } from "../support/clock";
import { call, createMembership, createUser, sweepAt } from "../support/helpers";
import { confirmPhone } from "../support/phone";

const today = new Date(testNow()).toISOString().slice(0, 10);
const day = (offset: number) => addDays(today, offset);
const LADDER = { renewal: [{ days: 7 }, { days: 3 }, { days: 1, channels: ["sms"] }, { days: 0, channels: ["sms"] }] };

type User = Awaited<ReturnType<typeof createUser>>;
type Sent = { dedupe_key: string; channel: string; status: string; attempts: number };

let phones = 0;
/** A UTC user with a confirmed phone who reads alerts by e-mail, on the ladder above. */
async function ladderUser(): Promise<User> {
  const user = await createUser({ locale: "en", timezone: "UTC" });
  phones += 1;
  await confirmPhone(user.api_token, `+4420794600${String(phones).padStart(2, "0")}`, { channels: ["email"] });
  const set = await call("PATCH", "/api/v1/me", { token: user.api_token, body: { reminder_ladders: LADDER } });
  expect(set.status).toBe(200);
  expect(set.body.reminder_ladders).toEqual(LADDER);
  return user;
}

async function renewalAlerts(userId: string, membershipId: string) {
  const { results } = await env.DB.prepare(
    "select id, dedupe_key, created_at from alerts where user_id = ? and membership_id = ? and kind = 'renewal_upcoming' order by created_at",
  )
    .bind(userId, membershipId)
    .all<{ id: string; dedupe_key: string; created_at: string }>();
  return results;
}

async function deliveriesOf(userId: string): Promise<Sent[]> {
  const { results } = await env.DB.prepare(
    "select a.dedupe_key, d.channel, d.status, d.attempts from deliveries d join alerts a on a.id = d.alert_id where d.user_id = ? order by a.dedupe_key, d.channel",
  )
    .bind(userId)
    .all<Sent>();
  return results;
}

/** Runs the sweep at noon UTC on each day from `from` to `to`, noting the day each alert first existed. */
async function sweepDays(
  from: number,
  to: number,
  user: User,
  membershipId: string,
  onDay?: (offset: number) => Promise<void>,
) {
  const firstSeen = new Map<string, string>();
  for (let offset = from; offset <= to; offset += 1) {
    await sweepAt(Date.parse(`${day(offset)}T12:00:00Z`));
    for (const alert of await renewalAlerts(user.id, membershipId))
      if (!firstSeen.has(alert.dedupe_key)) firstSeen.set(alert.dedupe_key, day(offset));
    await onDay?.(offset);
  }
  return firstSeen;
}

describe("a ladder of reminders", () => {
  it("sends each rung once on its day, adding SMS on the last two, each delivery once", async () => {
    const user = await ladderUser();
    const membership = await createMembership(user.api_token, { next_renewal_on: day(10) });
    const renewal = day(10);
    const firstSeen = await sweepDays(0, 10, user, membership.id);
    const key = `renewal_upcoming:${membership.id}:${renewal}`;
    expect(Object.fromEntries(firstSeen)).toEqual({
      [key]: day(3),
      [`${key}:3d`]: day(7),
      [`${key}:1d`]: day(9),
      [`${key}:0d`]: day(10),
    });
    const sent = (await deliveriesOf(user.id)).filter((row) => row.dedupe_key.startsWith(key));
    expect(sent.map(({ dedupe_key, channel }) => `${dedupe_key.slice(key.length) || "first"} ${channel}`)).toEqual([
      "first email",
      ":0d email",
      ":0d sms",
      ":1d email",
      ":1d sms",
      ":3d email",
    ]);
    expect(sent.map((row) => [row.status, row.attempts])).toEqual(sent.map(() => ["sent", 1]));
  });

  it("stops after 'keep it' for the period, and after a cancellation", async () => {
    const user = await ladderUser();
    const kept = await createMembership(user.api_token, { next_renewal_on: day(10) });
    const cancelled = await createMembership(user.api_token, { name: "Other plan", next_renewal_on: day(10) });
    const onDay = async (offset: number) => {
      if (offset !== 4) return;
      const [first] = await renewalAlerts(user.id, kept.id);
      const resolved = await call("POST", `/api/v1/alerts/${first?.id}/resolve`, {
        token: user.api_token,
        body: { reason: "kept" },
      });
      expect(resolved.status).toBe(200);
      const stopped = await call("POST", `/api/v1/memberships/${cancelled.id}/cancellations`, {
        token: user.api_token,
        body: { side: "platform" },
      });
      expect(stopped.status).toBe(201);
    };
    await sweepDays(0, 10, user, kept.id, onDay);
    expect(await renewalAlerts(user.id, kept.id)).toHaveLength(1);
    expect(await renewalAlerts(user.id, cancelled.id)).toHaveLength(1);
  });

  it("takes a membership's own ladder over the user's, and refuses a ladder with two rungs on one day", async () => {
    const user = await ladderUser();
    const own = { renewal: [{ days: 2 }] };
    const membership = await createMembership(user.api_token, { next_renewal_on: day(10), reminder_ladders: own });
    expect(membership.reminder_ladders).toEqual(own);
    const firstSeen = await sweepDays(0, 10, user, membership.id);
    expect([...firstSeen.values()]).toEqual([day(8)]);
    const refused = await call("PATCH", `/api/v1/memberships/${membership.id}`, {
      token: user.api_token,
      body: { reminder_ladders: { renewal: [{ days: 3 }, { days: 3 }] } },
    });
    expect(refused.status).toBe(400);
    expect((refused.body.error as { message: string }).message).toContain("reminder_ladders");
  });
});
