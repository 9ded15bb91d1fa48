// Types of the local tooling that tests call (local-worker.mjs is plain Node-side JavaScript).

export interface DemoUser {
  id: string;
  email: string;
  api_token: string;
  inbound_address: string;
  webhook_url: string;
  /** Whether this call created the demo user (false: it was there from an earlier run). */
  seeded: boolean;
}

export function seedDemo(
  base: string,
  adminToken: string,
  options?: { origin?: string; file?: string },
): Promise<DemoUser>;

export function publicUrl(port: number): string;
