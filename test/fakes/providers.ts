// A local fake Resend + Twilio HTTP server for tests, recording what "went out" and failing on request.

// node:http, typed locally: the project type-checks against the Workers types only (no @types/node).
interface IncomingMessage {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  on(event: "data", listener: (chunk: Uint8Array) => void): this;
  on(event: "end", listener: () => void): this;
  on(event: "error", listener: (error: Error) => void): this;
}

interface ServerResponse {
  headersSent: boolean;
  destroyed: boolean;
  writableEnded: boolean;
  writeHead(status: number, headers: Record<string, string>): this;
  end(body: string): this;
  destroy(): void;
}

interface Server {
  listen(port: number, host: string, callback: () => void): this;
  once(event: "error", listener: (error: Error) => void): this;
  address(): { port: number } | string | null;
  close(callback: () => void): this;
  closeAllConnections(): void;
}

interface NodeHttp {
  createServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Server;
}

/** Loaded only when the server starts, so tests inside workerd can import this file's types and credentials. */
function nodeHttp(): NodeHttp {
  const nodeProcess = (globalThis as unknown as { process: { getBuiltinModule(id: string): unknown } }).process;
  return nodeProcess.getBuiltinModule("node:http") as NodeHttp;
}

/** The credentials vitest.config.ts gives the Worker; the fake accepts exactly these. */
export const TEST_CREDENTIALS: FakeCredentials = {
  resendApiKey: "re_test_0123456789abcdef",
  twilioAccountSid: "AC00000000000000000000000000000000",
  twilioAuthToken: "test-twilio-auth-token-0123456789",
  twilioFrom: "+15005550006",
};

export type Channel = "email" | "sms";
export type FailMode = "500" | "429" | "400" | "timeout" | "drop";

export interface FakeCredentials {
  resendApiKey: string;
  twilioAccountSid: string;
  twilioAuthToken: string;
  /** Twilio only sends from numbers the account owns. */
  twilioFrom: string;
}

export interface SentMessage {
  channel: Channel;
  id: string;
  to: string;
  from: string;
  /** E-mail only. */
  subject?: string;
  /** The SMS text, or the e-mail's plain text. */
  body: string;
  html?: string;
  idempotencyKey?: string;
  at: string;
}

export interface RecordedRequest {
  channel: Channel;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The status answered (null while held or if the client went away first). */
  status: number | null;
  at: string;
}

interface Failure {
  mode: FailMode;
  remaining: number;
  to?: string;
  holdMs: number;
}

interface Scope {
  sent: SentMessage[];
  requests: RecordedRequest[];
  /** Idempotency key → the e-mail it created and the payload it came with. */
  keys: Map<string, { id: string; payload: string }>;
  failures: Record<Channel, Failure[]>;
}

export interface FakeProviders {
  url: string;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Starts the fake in Node (vitest globalSetup) on 127.0.0.1 and a random port; tests inside workerd reach it by
 * fetch. Provider routes: `POST /emails` (Resend) and `POST /2010-04-01/Accounts/:sid/Messages.json` (Twilio),
 * optionally under a scope prefix (`<url>/<scope>/emails`) so test files running in parallel keep apart.
 * Control routes take `?scope=` (default: no prefix, where the Worker's RESEND_BASE_URL / TWILIO_BASE_URL point):
 * - `GET /_sent[?to=&channel=]` → `{ items: SentMessage[] }`: what went out (an idempotent replay adds nothing).
 * - `GET /_requests` → `{ items: RecordedRequest[] }`: every provider request, answered or not.
 * - `POST /_reset`: forget the scope's messages, requests, idempotency keys and pending failures.
 * - `POST /_forget?to=`: forget the scope's SMS to one number (sent and requested): a test that confirmed a phone
 *   (test/support/phone.ts) then counts only the alerts texted to it.
 * - `POST /_fail {channel: "email"|"sms", mode: "500"|"429"|"400"|"timeout"|"drop", times?=1, to?, holdMs?=3000}`:
 *   the next `times` requests on that channel (to that recipient, if given) fail that way. "timeout" and "drop"
 *   model the worst case: the message IS processed (sent; an e-mail's idempotency key recorded), then the answer
 *   is held for `holdMs` (longer than the client waits) or the connection is cut.
 */
export async function startFakeProviders(credentials: FakeCredentials): Promise<FakeProviders> {
  const scopes = new Map<string, Scope>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const scope = (name: string): Scope => {
    let found = scopes.get(name);
    if (!found) {
      found = { sent: [], requests: [], keys: new Map(), failures: { email: [], sms: [] } };
      scopes.set(name, found);
    }
    return found;
  };

  const server: Server = nodeHttp().createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { error: String(error) });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake");
    const body = await readBody(req);
    const path = url.pathname;

    if (path.startsWith("/_")) return control(req.method ?? "GET", path, url.searchParams, body, res);

    const email = /^(?:\/(.+?))?\/emails$/.exec(path);
    const sms = /^(?:\/(.+?))?\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    if (req.method !== "POST" || (!email && !sms)) return json(res, 404, { message: `no route ${req.method} ${path}` });

    const channel: Channel = email ? "email" : "sms";
    const state = scope((email ?? sms)?.[1] ?? "");
    const record: RecordedRequest = {
      channel,
      method: req.method,
      path,
      headers: pickHeaders(req),
      body,
      status: null,
      at: new Date().toISOString(),
    };
    state.requests.push(record);
    const answer = (status: number, payload: unknown, holdMs = 0) => {
      if (holdMs < 0) return void res.destroy();
      if (holdMs === 0) {
        record.status = status;
        return json(res, status, payload);
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (res.destroyed || res.writableEnded) return;
        record.status = status;
        json(res, status, payload);
      }, holdMs);
      timers.add(timer);
    };

    if (channel === "email") return resendEmail(state, req, body, answer);
    return twilioMessage(state, req, decodeURIComponent(sms?.[2] ?? ""), body, answer);
  }

  function resendEmail(
    state: Scope,
    req: IncomingMessage,
    raw: string,
    answer: (status: number, payload: unknown, holdMs?: number) => void,
  ) {
    const auth = req.headers.authorization;
    if (!auth) return answer(401, resendError(401, "missing_api_key", "Missing API key in the authorization header."));
    if (auth !== `Bearer ${credentials.resendApiKey}`)
      return answer(403, resendError(403, "invalid_api_key", "API key is invalid."));
    const key = header(req, "idempotency-key");
    // The real API takes requests without a key; this project always sends one, so its absence is a bug here.
    if (!key || key.length > 256) {
      return answer(400, resendError(400, "invalid_idempotency_key", "The key must be between 1-256 chars."));
    }
    let payload: { from?: unknown; to?: unknown; subject?: unknown; html?: unknown; text?: unknown };
    try {
      payload = JSON.parse(raw) as typeof payload;
    } catch {
      return answer(422, resendError(422, "validation_error", "Invalid JSON body."));
    }
    const to = Array.isArray(payload.to) ? payload.to : typeof payload.to === "string" ? [payload.to] : [];
    if (typeof payload.from !== "string" || !payload.from)
      return answer(422, resendError(422, "validation_error", "Missing `from` field."));
    if (to.length === 0 || !to.every((a) => typeof a === "string" && a.includes("@"))) {
      return answer(422, resendError(422, "validation_error", "Invalid `to` field."));
    }
    if (typeof payload.subject !== "string" || !payload.subject)
      return answer(422, resendError(422, "validation_error", "Missing `subject` field."));
    if (typeof payload.html !== "string" && typeof payload.text !== "string") {
      return answer(422, resendError(422, "validation_error", "Missing `html` or `text` field."));
    }

    // A key seen before: same payload → the original answer, nothing sent; other payload → 409.
    const seen = state.keys.get(key);
    if (seen) {
      if (seen.payload !== raw) {
        return answer(
          409,
          resendError(409, "invalid_idempotent_request", "Same idempotency key used with a different request payload."),
        );
      }
      return answer(200, { id: seen.id });
    }

    const failure = takeFailure(state, "email", to.map(String));
    if (failure && failure.mode !== "timeout" && failure.mode !== "drop") {
      const [status, name] = {
        "500": [500, "internal_server_error"],
        "429": [429, "rate_limit_exceeded"],
        "400": [400, "validation_error"],
      }[failure.mode] as [number, string];
      return answer(status, resendError(status, name, `fake failure (${failure.mode})`));
    }
    const id = crypto.randomUUID();
    state.keys.set(key, { id, payload: raw });
    for (const address of to) {
      state.sent.push({
        channel: "email",
        id,
        to: String(address),
        from: payload.from,
        subject: payload.subject,
        body: typeof payload.text === "string" ? payload.text : "",
        html: typeof payload.html === "string" ? payload.html : undefined,
        idempotencyKey: key,
        at: new Date().toISOString(),
      });
    }
    return answer(200, { id }, holdFor(failure));
  }

  function twilioMessage(
    state: Scope,
    req: IncomingMessage,
    sid: string,
    raw: string,
    answer: (status: number, payload: unknown, holdMs?: number) => void,
  ) {
    const expected = `Basic ${btoa(`${credentials.twilioAccountSid}:${credentials.twilioAuthToken}`)}`;
    if (req.headers.authorization !== expected || sid !== credentials.twilioAccountSid) {
      return answer(401, twilioError(401, 20003, "Authenticate"));
    }
    if (!(header(req, "content-type") ?? "").startsWith("application/x-www-form-urlencoded")) {
      return answer(400, twilioError(400, 21609, "Expected a form-encoded (application/x-www-form-urlencoded) body."));
    }
    const form = new URLSearchParams(raw);
    const to = form.get("To") ?? "";
    const from = form.get("From") ?? "";
    const text = form.get("Body") ?? "";
    if (!to) return answer(400, twilioError(400, 21604, "A 'To' phone number is required."));
    if (!E164.test(to))
      return answer(400, twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`));
    if (from !== credentials.twilioFrom) {
      return answer(
        400,
        twilioError(
          400,
          21606,
          `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`,
        ),
      );
    }
    if (!text) return answer(400, twilioError(400, 21602, "Message body is required."));
    if (text.length > 1600)
      return answer(400, twilioError(400, 21617, "The concatenated message body exceeds the 1600 character limit."));

    const failure = takeFailure(state, "sms", [to]);
    if (failure && failure.mode !== "timeout" && failure.mode !== "drop") {
      const [status, code, message] = {
        "500": [500, 20500, "Internal Server Error"],
        "429": [429, 20429, "Too Many Requests"],
        "400": [400, 21211, `The 'To' number ${to} is not a valid phone number.`],
      }[failure.mode] as [number, number, string];
      return answer(status, twilioError(status, code, message));
    }
    // No idempotency at Twilio: every accepted request is one more SMS, even one whose answer never arrives.
    const id = `SM${Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("")}`;
    state.sent.push({ channel: "sms", id, to, from, body: text, at: new Date().toISOString() });
    return answer(
      201,
      {
        sid: id,
        account_sid: sid,
        to,
        from,
        body: text,
        status: "queued",
        direction: "outbound-api",
        error_code: null,
      },
      holdFor(failure),
    );
  }

  function takeFailure(state: Scope, channel: Channel, to: string[]): Failure | undefined {
    const queue = state.failures[channel];
    const index = queue.findIndex((f) => f.remaining > 0 && (f.to === undefined || to.includes(f.to)));
    const failure = queue[index];
    if (!failure) return undefined;
    failure.remaining -= 1;
    if (failure.remaining === 0) queue.splice(index, 1);
    return failure;
  }

  function control(method: string, path: string, params: URLSearchParams, raw: string, res: ServerResponse) {
    const name = params.get("scope") ?? "";
    if (method === "GET" && path === "/_sent") {
      const to = params.get("to");
      const channel = params.get("channel");
      const items = scope(name).sent.filter((m) => (!to || m.to === to) && (!channel || m.channel === channel));
      return json(res, 200, { items });
    }
    if (method === "GET" && path === "/_requests") return json(res, 200, { items: scope(name).requests });
    if (method === "POST" && path === "/_reset") {
      scopes.delete(name);
      return json(res, 200, { ok: true });
    }
    if (method === "POST" && path === "/_forget") {
      const to = params.get("to");
      if (!to) return json(res, 400, { error: "to is required" });
      const state = scope(name);
      state.sent = state.sent.filter((m) => !(m.channel === "sms" && m.to === to));
      state.requests = state.requests.filter(
        (r) => !(r.channel === "sms" && new URLSearchParams(r.body).get("To") === to),
      );
      return json(res, 200, { ok: true });
    }
    if (method === "POST" && path === "/_fail") {
      let input: {
        channel?: unknown;
        mode?: unknown;
        times?: unknown;
        to?: unknown;
        holdMs?: unknown;
        scope?: unknown;
      };
      try {
        input = JSON.parse(raw || "{}") as typeof input;
      } catch {
        return json(res, 400, { error: "body must be JSON" });
      }
      const { channel, mode } = input;
      if (channel !== "email" && channel !== "sms") return json(res, 400, { error: "channel must be email or sms" });
      if (mode !== "500" && mode !== "429" && mode !== "400" && mode !== "timeout" && mode !== "drop") {
        return json(res, 400, { error: "mode must be 500, 429, 400, timeout or drop" });
      }
      const times = input.times === undefined ? 1 : Number(input.times);
      if (!Number.isInteger(times) || times < 1) return json(res, 400, { error: "times must be a positive integer" });
      const target = scope(typeof input.scope === "string" ? input.scope : name);
      target.failures[channel].push({
        mode,
        remaining: times,
        to: typeof input.to === "string" ? input.to : undefined,
        holdMs: typeof input.holdMs === "number" ? input.holdMs : 3000,
      });
      return json(res, 200, { ok: true });
    }
    return json(res, 404, { error: `no control route ${method} ${path}` });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("fake providers: no TCP address");
  const { port } = address;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** How long a processed request waits for its answer: 0 now, -1 never (the connection is cut). */
function holdFor(failure: Failure | undefined): number {
  if (failure?.mode === "drop") return -1;
  if (failure?.mode === "timeout") return failure.holdMs;
  return 0;
}

function resendError(statusCode: number, name: string, message: string) {
  return { statusCode, name, message };
}

function twilioError(status: number, code: number, message: string) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function pickHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const decoder = new TextDecoder();
    let text = "";
    req.on("data", (chunk) => {
      text += decoder.decode(chunk, { stream: true });
    });
    req.on("end", () => resolve(text + decoder.decode()));
    req.on("error", reject);
  });
}

function json(res: ServerResponse, status: number, payload: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(payload));
}
