// Tests run inside workerd (the Workers runtime) with the real wrangler.toml bindings and a local
// D1 built from the real migrations; storage is isolated per test file.
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            ADMIN_TOKEN: "test-admin-token-0123456789",
            PUBLIC_URL: "https://watchdog.test",
            INBOUND_DOMAIN: "in.watchdog.test",
          },
        },
      }),
    ],
    test: {
      setupFiles: ["./test/apply-migrations.ts"],
      include: ["test/**/*.test.ts"],
      reporters: ["default", "./test/summary-reporter.ts"],
    },
  };
});
