// Through the Worker: a bare $ in an SMS a user posts, or in a message sent to the dry run, is read in the dollar of the user's
// country (their timezone), and stored as such; the same SMS from a user in the US stays US dollars.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { fixtureText } from "../support/fixtures";
import { createUser } from "../support/helpers";

const SMS = "Paid $6.50 at Harbour Kiosk on your card ending 4410";

async function post(url: string, body: string, headers: Record<string, string>) {
  const response = await exports.default.fetch(new Request(url, { method: "POST", body, headers }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("a bare $ for the user's zone", () => {
  it.each([
    ["Australia/Sydney", "AUD"],
    ["America/New_York", "USD"],
  ])("an SMS posted by a user in %s is stored in %s", async (timezone, currency) => {
    const user = await createUser({ timezone });
    const body = JSON.stringify({ from: "70001", text: SMS, timestamp: "2026-11-20T09:00:03Z" });
    const answer = await post(user.webhook_url, body, { "content-type": "application/json" });
    expect(answer.status).toBe(201);
    expect(answer.body.events).toEqual([expect.objectContaining({ kind: "charge", amount_minor: 650, currency })]);
    const row = await env.DB.prepare("select currency from events where user_id = ?").bind(user.id).first();
    expect(row?.currency).toBe(currency);
  });

  it("reads the dry run in the user's zone too", async () => {
    const user = await createUser({ timezone: "Australia/Sydney" });
    const answer = await post("https://watchdog.test/api/v1/parse", SMS, {
      "content-type": "text/plain",
      authorization: `Bearer ${user.api_token}`,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.items).toEqual([expect.objectContaining({ amount_minor: 650, currency: "AUD" })]);
  });

  it("reads a mailed receipt in the dry run in the user's zone", async () => {
    const user = await createUser({ timezone: "Pacific/Auckland" });
    const raw = fixtureText("inline/streamly-dollar-receipt.eml");
    const answer = await post("https://watchdog.test/api/v1/parse", raw, {
      "content-type": "message/rfc822",
      authorization: `Bearer ${user.api_token}`,
    });
    expect(answer.body.items).toEqual([expect.objectContaining({ amount_minor: 1499, currency: "NZD" })]);
  });
});
