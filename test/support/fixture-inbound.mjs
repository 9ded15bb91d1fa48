// A fixture as the Worker receives it: a raw e-mail, or a webhook body with its content type; an SMS as an
// SMS-forwarder app posts it. Plain JavaScript, shared by the fixture tests (through test/support/fixtures.ts, in
// workerd) and the Node score (workers/cli/reading-score.mjs), so both read every fixture the same way.

/**
 * @param {{ via: "email" | "sms" | "webhook"; content_type?: string; sender?: string }} entry
 * @param {Uint8Array} bytes
 * @returns {{ source: "email" | "webhook"; bytes: Uint8Array; contentType: string }}
 */
export function fixtureInbound(entry, bytes) {
  if (entry.via === "email") return { source: "email", bytes, contentType: "message/rfc822" };
  if (entry.via === "webhook")
    return { source: "webhook", bytes, contentType: entry.content_type ?? "application/json" };
  const text = new TextDecoder().decode(bytes).trim();
  const body = JSON.stringify({ from: entry.sender, text });
  return { source: "webhook", bytes: new TextEncoder().encode(body), contentType: "application/json" };
}
