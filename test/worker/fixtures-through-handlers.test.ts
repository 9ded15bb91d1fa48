// Every fixture in test/fixtures/notices.json end to end through the Worker's real email and webhook handlers
// (each read through the pure reading code alone: test/unit/fixtures.test.ts).
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { RATE_LIMITS } from "../../workers/http/rate-limit";
import worker from "../../workers/index";
import { asInbound } from "../support/fixtures";
import { call, createUser, inboundEmail } from "../support/helpers";

const { manifest } = env.TEST_FIXTURES;

describe("fixtures through the real handlers", () => {
  it("every fixture is stored once and read into its expected kind, amount and merchant", async () => {
    // Each webhook fixture is posted twice; a webhook takes HOOK_RATE_LIMIT posts a minute, so a new user (and
    // webhook) takes over before that, however many fixtures there are.
    const postsPerUser = Math.floor(RATE_LIMITS.HOOK_RATE_LIMIT.limit / 2) * 2;
    const users = [await createUser()];
    let posts = 0;
    for (const entry of manifest) {
      const { source, bytes, contentType } = asInbound(entry);
      if (source !== "email" && posts + 2 > postsPerUser) {
        users.push(await createUser());
        posts = 0;
      }
      if (source !== "email") posts += 2;
      const user = users.at(-1) as (typeof users)[number];
      for (let delivery = 0; delivery < 2; delivery += 1) {
        if (source === "email") {
          const { message, rejections } = inboundEmail(user.inbound_address, new TextDecoder("latin1").decode(bytes));
          Object.defineProperty(message, "raw", { value: new Response(bytes).body });
          const ctx = createExecutionContext();
          await worker.email(message, env, ctx);
          await waitOnExecutionContext(ctx);
          expect(rejections, entry.file).toEqual([]);
        } else {
          const response = await exports.default.fetch(
            new Request(user.webhook_url, { method: "POST", body: bytes, headers: { "content-type": contentType } }),
          );
          expect(response.status, entry.file).toBe(delivery === 0 ? 201 : 200);
        }
      }
    }
    const events: Record<string, unknown>[] = [];
    for (const user of users) {
      const page = await call("GET", "/api/v1/events?limit=500", { token: user.api_token });
      events.push(...(page.body.items as Record<string, unknown>[]));
    }
    expect(events).toHaveLength(manifest.length);
    const summary = (event: Record<string, unknown>) =>
      [event.kind, event.amount_minor, event.currency, event.merchant].join(" | ");
    expect(events.map(summary).sort()).toEqual(manifest.map((entry) => summary(entry.expect)).sort());
  });
});
