// A charge that was just paid is not "upcoming": a matched charge from two weeks before a renewal to three days
// after it pays that renewal, through the real webhook and the real cron, on both sides of the window.
import { describe, expect, it } from "vitest";
import { addCycle, EARLY_CHARGE_DAYS } from "../../workers/rules/cycle";
import { testDate, testNow } from "../support/clock";
import { alipayCharge, call, createMembership, createUser, postEvent, sweepAt } from "../support/helpers";

async function paidAhead(daysBeforeRenewal: number) {
  const user = await createUser({ timezone: "Asia/Shanghai", locale: "zh-CN" });
  const renewal = testDate(daysBeforeRenewal);
  const membership = await createMembership(user.api_token, { next_renewal_on: renewal, cancel_notice_days: 7 });
  const posted = await postEvent(
    user.webhook_url,
    alipayCharge({ occurred_at: new Date(testNow() - 60_000).toISOString() }),
  );
  expect(posted.status).toBe(201);
  const read = await call("GET", `/api/v1/memberships/${membership.id}`, { token: user.api_token });
  const events = await call("GET", "/api/v1/events", { token: user.api_token });
  expect((events.body.items as { membership_id: string | null }[])[0]?.membership_id).toBe(membership.id);
  return { user, membership, renewal, nextRenewalOn: read.body.next_renewal_on as string };
}

const reminders = async (token: string) =>
  ((await call("GET", "/api/v1/alerts", { token })).body.items as { kind: string }[])
    .map((alert) => alert.kind)
    .filter((kind) => kind === "renewal_upcoming" || kind === "cancel_deadline");

describe("a matched charge before the renewal", () => {
  it("nine days early pays that renewal: it moves a cycle and the cron warns of nothing", async () => {
    const { user, renewal, nextRenewalOn } = await paidAhead(9);
    expect(nextRenewalOn).toBe(addCycle(renewal, "month", 1, Number(renewal.slice(8, 10))));
    // Cancel-by would have been two days away (renewal − 7) and due within the default three lead days.
    await sweepAt(testNow() + 60_000);
    expect(await reminders(user.api_token)).toEqual([]);
  });

  it(`${EARLY_CHARGE_DAYS} days early still pays it; one day earlier does not`, async () => {
    const inside = await paidAhead(EARLY_CHARGE_DAYS);
    expect(inside.nextRenewalOn).not.toBe(inside.renewal);
    const outside = await paidAhead(EARLY_CHARGE_DAYS + 1);
    expect(outside.nextRenewalOn).toBe(outside.renewal);
  });
});
