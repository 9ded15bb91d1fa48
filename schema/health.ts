// The shape of GET /health. See common.ts.
import { z } from "@hono/zod-openapi";

export const Health = z.object({ ok: z.boolean(), database: z.enum(["up", "down"]) }).openapi("Health");
