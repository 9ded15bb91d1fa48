// Vitest globalSetup: starts the fake Resend/Twilio server once per run and provides its URL to the Worker pool.
import type { TestProject } from "vitest/node";
import { startFakeProviders, TEST_CREDENTIALS } from "./providers";

declare module "vitest" {
  export interface ProvidedContext {
    fakeProvidersUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const fake = await startFakeProviders(TEST_CREDENTIALS);
  project.provide("fakeProvidersUrl", fake.url);
  return () => fake.close();
}
