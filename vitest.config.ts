// Tests run inside workerd (the Workers runtime) with the real wrangler.toml bindings and a local
// D1 built from the real migrations; storage is isolated per test file.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { TEST_CREDENTIALS } from "./test/fakes/providers.ts";
import { bundleStubs } from "./workers/build/bundle-stubs.mjs";

/**
 * The fixture manifest, the unseen set's manifests (test/fixtures/unseen/<group>.json, each entry tagged with its
 * group), every file they name and every file in test/fixtures/inline/ (whole messages a single test reads, by
 * "inline/<name>"), as base64 so GBK/Big5 bytes arrive intact.
 */
function readFixtures() {
  const dir = path.join(import.meta.dirname, "test", "fixtures");
  const manifestPath = path.join(dir, "notices.json");
  if (!existsSync(manifestPath)) return { manifest: [], unseen: [], files: {} };
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { file: string }[];
  const unseenDir = path.join(dir, "unseen");
  const unseen = existsSync(unseenDir)
    ? readdirSync(unseenDir)
        .filter((name) => name.endsWith(".json"))
        .sort()
        .flatMap((name) =>
          (JSON.parse(readFileSync(path.join(unseenDir, name), "utf8")) as { file: string }[]).map((entry) => ({
            ...entry,
            set: name.replace(/\.json$/, ""),
          })),
        )
    : [];
  const inlineDir = path.join(dir, "inline");
  const inline = existsSync(inlineDir)
    ? readdirSync(inlineDir)
        .sort()
        .map((name) => `inline/${name}`)
    : [];
  const files = Object.fromEntries(
    [...[...manifest, ...unseen].map((entry) => entry.file), ...inline].map((file) => [
      file,
      readFileSync(path.join(dir, file)).toString("base64"),
    ]),
  );
  return { manifest, unseen, files };
}

/**
 * The test clock: TEST_CLOCK_SHIFT_DAYS=400 (or -400) runs the whole suite a year ahead (or back), to show that no
 * test depends on today's date. The Worker reads it through test/support/clock.ts, which only the test build has.
 */
function clockOffsetMs() {
  const days = Number(process.env.TEST_CLOCK_SHIFT_DAYS ?? 0);
  if (!Number.isFinite(days)) throw new Error(`TEST_CLOCK_SHIFT_DAYS must be a number of days, not ${days}`);
  return String(Math.round(days * 86_400_000));
}

/** Hands the Worker's modules the tests' clock in place of workers/time/clock.ts (see test/support/clock.ts). */
function testClock(root: string) {
  const workerClock = path.join(root, "workers", "time", "clock.ts");
  const testClockModule = path.join(root, "test", "support", "clock.ts");
  return {
    name: "renewal-watchdog:test-clock",
    enforce: "pre" as const,
    async resolveId(
      this: { resolve: (s: string, i?: string, o?: object) => Promise<{ id: string } | null> },
      source: string,
      importer: string | undefined,
    ) {
      if (!/clock(\.ts)?$/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      return resolved?.id === workerClock ? testClockModule : null;
    },
  };
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    plugins: [
      // The same bundle-only stand-ins as `wrangler deploy` ([alias] in wrangler.toml), so tests run the shipped code.
      bundleStubs(import.meta.dirname),
      testClock(import.meta.dirname),
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
              TEST_CLOCK_OFFSET_MS: clockOffsetMs(),
            },
          },
        };
      }),
    ],
    test: {
      globalSetup: ["./test/fakes/global-setup.ts"],
      setupFiles: ["./test/support/apply-migrations.ts"],
      include: ["test/**/*.test.ts"],
      // Those drive Chromium from Node against wrangler dev: vitest.browser.config.ts runs them.
      exclude: ["test/browser/**", "node_modules/**"],
      reporters: ["default", "./test/support/summary-reporter.ts"],
      // CI has two cores shared by workerd, the fake providers and several test files at once.
      testTimeout: 20_000,
    },
  };
});
