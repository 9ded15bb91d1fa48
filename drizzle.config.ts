// drizzle-kit reads the tables and writes SQL migrations that wrangler applies to D1.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./schema/tables.ts",
  out: "./migrations",
});
