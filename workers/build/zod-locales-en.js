// Build-time stand-in for zod's locale index (`z.locales`, `z.core.locales`), wired by [alias] in wrangler.toml.
// zod's schemas import its English messages directly (zod/v4/classic/schemas.js → ../locales/en.js) and install
// them as the default; the index only adds the other ~60 languages, reachable solely through `z.locales.xx()`,
// which nothing in this Worker calls. Keeping them out saves ~38 KiB gzip of the deployed bundle.
export { default as en } from "zod/v4/locales/en.js";
