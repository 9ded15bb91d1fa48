import { describe, expect, it } from "vitest";
import { call } from "../support/helpers";

describe("GET /health", () => {
  it("answers 200 when the Worker and D1 are up", async () => {
    const response = await call("GET", "/health");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: true, database: "up" });
  });

  it("answers unknown routes with the error envelope", async () => {
    const response = await call("GET", "/nope");
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: { code: "not_found" } });
  });
});
