// The bound for `npm run bench`'s ingest figure: a bare Hono Worker that reads the body and answers 200.
import { Hono } from "hono";

const app = new Hono();
// Reads the body like the real webhook does, so the comparison is the work after the bytes arrive.
app.post("/hooks/:token", async (c) => c.json({ ok: true, bytes: (await c.req.arrayBuffer()).byteLength }));
app.get("/health", (c) => c.json({ ok: true }));

export default app;
