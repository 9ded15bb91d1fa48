// Browser tests: Node drives Debian's Chromium (playwright-core) against a real `wrangler dev` Worker,
// started by test/browser/global-setup.mjs. Run by `npm test` after the workerd suite.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/browser/**/*.browser.test.ts"],
    globalSetup: ["./test/browser/global-setup.mjs"],
    // One Worker and one Chromium per file; two cores on CI, so files run one after another.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    teardownTimeout: 30_000,
    reporters: ["default", "./test/support/summary-reporter.ts"],
  },
});
