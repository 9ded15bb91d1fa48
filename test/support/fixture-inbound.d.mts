// Types for fixture-inbound.mjs (plain JavaScript, so the Node score can import it unbundled).
export function fixtureInbound(
  entry: { via: "email" | "sms" | "webhook"; content_type?: string; sender?: string },
  bytes: Uint8Array,
): { source: "email" | "webhook"; bytes: Uint8Array; contentType: string };
