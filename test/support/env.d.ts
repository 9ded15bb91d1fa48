// Bindings only the tests have (see vitest.config.ts).
declare namespace Cloudflare {
  interface GlobalProps {
    // Types `exports.default` from "cloudflare:workers" as the Worker's own default export.
    mainModule: typeof import("../../workers/index");
  }
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    /** How far test/support/clock.ts runs ahead of the wall clock (TEST_CLOCK_SHIFT_DAYS, in ms). */
    TEST_CLOCK_OFFSET_MS: string;
    TEST_FIXTURES: {
      manifest: import("./fixture-types").FixtureEntry[];
      /** The unseen set (test/fixtures/unseen), each entry with its group. */
      unseen: (import("./fixture-types").FixtureEntry & { set: string })[];
      files: Record<string, string>;
    };
  }
}
