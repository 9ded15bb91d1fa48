// The deployed bundle swaps unreachable library code for stand-ins (workers/build/, wrangler.toml [alias]);
// the tests run with the same stand-ins, and these checks say what the Worker still relies on.
import { z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { call, createUser } from "../support/helpers";

describe("bundle stand-ins", () => {
  it("leave zod with English messages only, which is what users of the API read", () => {
    expect(Object.keys(z.locales)).toEqual(["en"]);
    const result = z.string().safeParse(1);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Invalid input: expected string, received number");
  });

  it("keep validation errors and the OpenAPI document working through the real handler", async () => {
    const user = await createUser();
    const refused = await call("POST", "/api/v1/memberships", { token: user.api_token, body: { name: 5 } });
    expect(refused.status).toBe(400);
    expect(String((refused.body.error as { message: string }).message)).toMatch(/^body\.name: Invalid input/);
    const document = await call("GET", "/openapi.json");
    expect(document.status).toBe(200);
    expect(Object.keys(document.body.paths as object).length).toBeGreaterThan(10);
  });
});
