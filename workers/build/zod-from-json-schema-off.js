// Build-time stand-in for `z.fromJSONSchema` (zod/v4/classic/from-json-schema.js), wired by [alias] in wrangler.toml.
// It turns JSON Schema into zod schemas at runtime; this Worker's schemas are all written in zod (schema/), so
// only the `z` namespace object references it, and dropping it saves ~5 KiB gzip of the deployed bundle.
export function fromJSONSchema() {
  throw new Error("z.fromJSONSchema is not available in this Worker");
}
