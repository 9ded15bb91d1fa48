// The Worker's clock: the arrival time of a request or an e-mail, read in one place. The test build swaps this
// module for test/support/clock.ts (vitest.config.ts), so tests control the time; the deployed bundle has only this.
export const clockNow = (): number => Date.now();
