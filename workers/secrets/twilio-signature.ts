// X-Twilio-Signature: base64 HMAC-SHA1(auth token, public URL + each POST param as key+value, keys sorted).

const encoder = new TextEncoder();

/** The string Twilio signs: the full URL it called, then every form field (by key, C order) as key+value. */
export function twilioSignedString(url: string, params: Iterable<[string, string]>): string {
  const byKey = new Map<string, string[]>();
  for (const [key, value] of params) byKey.set(key, [...(byKey.get(key) ?? []), value]);
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  let out = url;
  for (const key of [...byKey.keys()].sort(order)) {
    // A repeated key contributes each of its values, sorted, as Twilio's own helpers do.
    for (const value of (byKey.get(key) ?? []).sort(order)) out += key + value;
  }
  return out;
}

async function hmacSha1(secret: string, data: string): Promise<ArrayBuffer> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-1" }, false, [
    "sign",
  ]);
  return crypto.subtle.sign("HMAC", key, encoder.encode(data));
}

function base64Bytes(value: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(value.trim()), (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** The signature Twilio would send for this request. */
export async function twilioSignature(authToken: string, url: string, params: Iterable<[string, string]>) {
  const digest = new Uint8Array(await hmacSha1(authToken, twilioSignedString(url, params)));
  return btoa(String.fromCharCode(...digest));
}

/** True when `given` is the signature of this URL and these params; the digests are compared in constant time. */
export async function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: Iterable<[string, string]>,
  given: string | undefined,
): Promise<boolean> {
  if (!authToken || !given) return false;
  const expected = await hmacSha1(authToken, twilioSignedString(url, params));
  const received = base64Bytes(given);
  // A SHA-1 HMAC is always 20 bytes, so a length mismatch reveals nothing about the expected digest.
  if (!received || received.byteLength !== expected.byteLength) return false;
  return crypto.subtle.timingSafeEqual(received, expected);
}
