// The local tooling's links (Node side, against the same `wrangler dev` Worker as the browser tests): a demo
// seeded on one port and started again on another prints every URL with the port it now serves.
import { describe, expect, it } from "vitest";
import { seedDemo } from "../../workers/cli/local-worker.mjs";
import { worker } from "./harness";

describe("npm run dev's demo user", () => {
  it("hands out its webhook URL at the origin the Worker serves now, not the one it was seeded on", async () => {
    const file = `${worker.scratchDir}/demo-user.json`;
    const first = await seedDemo(worker.baseUrl, worker.adminToken, { origin: worker.baseUrl, file });
    expect(first.seeded).toBe(true);
    expect(first.webhook_url.startsWith(`${worker.baseUrl}/hooks/`)).toBe(true);

    // PORT=8790 npm run dev, with the state (and the saved demo user) of the earlier run.
    const again = await seedDemo(worker.baseUrl, worker.adminToken, { origin: "http://localhost:8790", file });
    expect(again.seeded).toBe(false);
    expect(again.api_token).toBe(first.api_token);
    expect(again.webhook_url).toBe(first.webhook_url.replace(worker.baseUrl, "http://localhost:8790"));
    // The path is the same webhook: posting to it on the Worker answers as the demo user's.
    const hook = new URL(again.webhook_url).pathname;
    const posted = await fetch(`${worker.baseUrl}${hook}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ from: "95555", content: "验证码 123456，5分钟内有效【招商银行】" }),
    });
    expect(posted.status).toBe(201);
  });
});
