// Tests run inside workerd (the Workers runtime) with the real wrangler.toml bindings and a local
// D1 built from the real migrations; storage is isolated per test file.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { TEST_CREDENTIALS } from "./test/fakes/providers.ts";
import { bundleStubs } from "./workers/build/bundle-stubs.mjs";

/** The fixture manifest and every file it names (base64, so GBK/Big5 bytes arrive intact). */
function readFixtures() {
  const dir = path.join(import.meta.dirname, "test", "fixtures");
  const manifestPath = path.join(dir, "notices.json");
  if (!existsSync(manifestPath)) return { manifest: [], files: {} };
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { file: string }[];
  const files = Object.fromEntries(
    manifest.map((entry) => [entry.file, readFileSync(path.join(dir, entry.file)).toString("base64")]),
  );
  return { manifest, files };
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    plugins: [
      // The same bundle-only stand-ins as `wrangler deploy` ([alias] in wrangler.toml), so tests run the shipped code.
      bundleStubs(import.meta.dirname),
      // The fake Resend/Twilio server is started by globalSetup; its URL arrives through ctx.inject.
      cloudflareTest((ctx) => {
        const fakeProvidersUrl = ctx.inject<string>("fakeProvidersUrl");
        return {
          wrangler: { configPath: "./wrangler.toml" },
          miniflare: {
            bindings: {
              TEST_MIGRATIONS: migrations,
              TEST_FIXTURES: readFixtures(),
              ADMIN_TOKEN: "test-admin-token-0123456789",
              PUBLIC_URL: "https://watchdog.test",
              INBOUND_DOMAIN: "in.watchdog.test",
              FAKE_PROVIDERS_URL: fakeProvidersUrl,
              RESEND_BASE_URL: fakeProvidersUrl,
              TWILIO_BASE_URL: fakeProvidersUrl,
              RESEND_API_KEY: TEST_CREDENTIALS.resendApiKey,
              TWILIO_ACCOUNT_SID: TEST_CREDENTIALS.twilioAccountSid,
              TWILIO_AUTH_TOKEN: TEST_CREDENTIALS.twilioAuthToken,
              TWILIO_FROM: TEST_CREDENTIALS.twilioFrom,
              PROVIDER_TIMEOUT_MS: "1000",
              LINK_SECRET: "test-link-secret-0123456789abcdef",
            },
          },
        };
      }),
    ],
    test: {
      globalSetup: ["./test/fakes/global-setup.ts"],
      setupFiles: ["./test/apply-migrations.ts"],
      include: ["test/**/*.test.ts"],
      // Those drive Chromium from Node against wrangler dev: vitest.browser.config.ts runs them.
      exclude: ["test/browser/**", "node_modules/**"],
      reporters: ["default", "./test/summary-reporter.ts"],
      // CI has two cores shared by workerd, the fake providers and several test files at once.
      testTimeout: 20_000,
    },
  };
});
