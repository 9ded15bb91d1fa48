// Sign-in without passwords: the user asks for a link, we e-mail it through the same provider as alerts
// (or the local outbox in dev), and the link opens a session. Opening the link only shows a button: mail
// scanners that prefetch links must not use it up, so the session is opened by the POST. Asking for links is
// rate limited per client IP and per address, so nobody can flood a mailbox with them.
import { type Context, Hono } from "hono";
import { z } from "zod";
import { insertLoginLink, liveLoginLink, redeemLoginLink } from "../../db/sessions";
import { userByEmail } from "../../db/users";
import { type Providers, toLocalOutbox } from "../../deliver/outbox";
import { newId, newLoginToken, newSessionToken, sha256Hex } from "../../secrets/tokens";
import type { Locale } from "../../texts/alerts";
import type { AppEnv } from "../context";
import { retryAfter, withinLimit } from "../rate-limit";
import { currentSession, endSession, type PageEnv, requireSession, SESSION_DAYS, setSessionCookie } from "../session";
import { Flash, Layout } from "./layout";
import { pageAddress, safeNext } from "./return-path";

const LINK_MINUTES = 15;

const TEXT = {
  "zh-CN": {
    title: "登录",
    intro: "输入注册时的邮箱，我们会发一封带登录链接的邮件（15 分钟内有效，只能用一次）。",
    email: "邮箱",
    send: "发送登录链接",
    sent: "如果这个邮箱已注册，登录链接已经发出。请查看收件箱（也看看垃圾邮件）。",
    invalidEmail: "请填写有效的邮箱地址。",
    confirmTitle: "确认登录",
    confirm: "登录",
    confirmIntro: "点击下面的按钮登录续费看门狗。",
    expired: "这个登录链接已失效（过期或已使用）。请重新获取。",
    again: "重新获取登录链接",
    mailSubject: "续费看门狗登录链接",
    mailBody: (url: string) =>
      `点击链接登录（${LINK_MINUTES} 分钟内有效，只能用一次）：\n${url}\n\n如果不是你本人操作，忽略这封邮件即可。`,
    signedOut: "你已退出登录。",
    tooMany: (seconds: number) => `请求登录链接太频繁了。请 ${seconds} 秒后再试，并先查看收件箱里已经发出的链接。`,
  },
  en: {
    title: "Sign in",
    intro: "Enter the e-mail you registered with and we will send you a sign-in link (valid 15 minutes, once).",
    email: "E-mail",
    send: "Send me a sign-in link",
    sent: "If that address has an account, a sign-in link is on its way. Check your inbox (and spam folder).",
    invalidEmail: "Enter a valid e-mail address.",
    confirmTitle: "Confirm sign-in",
    confirm: "Sign in",
    confirmIntro: "Press the button to sign in to Renewal watchdog.",
    expired: "This sign-in link no longer works (expired or already used). Ask for a new one.",
    again: "Get a new sign-in link",
    mailSubject: "Your Renewal watchdog sign-in link",
    mailBody: (url: string) =>
      `Sign in with this link (valid ${LINK_MINUTES} minutes, once):\n${url}\n\nIf you did not ask for it, ignore this e-mail.`,
    signedOut: "You are signed out.",
    tooMany: (seconds: number) =>
      `Too many sign-in links asked for. Try again in ${seconds} seconds, and check your inbox for the ones already sent.`,
  },
} as const;

/** The visitor's language before we know who they are: ?lang=, else Accept-Language, else English. */
export function visitorLocale(query: string | undefined, acceptLanguage: string | undefined): Locale {
  if (query === "zh-CN" || query === "en") return query;
  return /^\s*zh/i.test(acceptLanguage ?? "") ? "zh-CN" : "en";
}

const Email = z.email().max(254);

function LoginForm(props: { locale: Locale; next: string; message?: string; error?: boolean }) {
  const text = TEXT[props.locale];
  // The language switch comes back to this form with the same `next`, whether it was asked for or answered a post.
  const here = props.next === "/app" ? "/login" : `/login?next=${encodeURIComponent(props.next)}`;
  return (
    <Layout locale={props.locale} title={text.title} here={here}>
      <h1>{text.title}</h1>
      {props.message && <Flash kind={props.error ? "error" : "ok"}>{props.message}</Flash>}
      <div class="card">
        <p>{text.intro}</p>
        <form method="post" action="/login" class="stack">
          <input type="hidden" name="next" value={props.next} />
          <input type="hidden" name="lang" value={props.locale} />
          <label>
            {text.email}
            <input type="email" name="email" required autocomplete="email" inputmode="email" />
          </label>
          <div>
            <button type="submit">{text.send}</button>
          </div>
        </form>
      </div>
    </Layout>
  );
}

/** A sign-in link's token as we hand them out; anything else is not looked up. */
const LOGIN_TOKEN = /^ln[a-z2-7]{32}$/;

/** The page a sign-in link opens: one button, so a mail scanner prefetching the link does not use it up. */
function ConfirmSignIn(props: { locale: Locale; token: string; next: string; here: string | undefined }) {
  const text = TEXT[props.locale];
  return (
    <Layout locale={props.locale} title={text.confirmTitle} here={props.here}>
      <h1>{text.confirmTitle}</h1>
      <div class="card">
        <p>{text.confirmIntro}</p>
        <form method="post" action={`/login/${props.token}`}>
          <input type="hidden" name="next" value={props.next} />
          <button type="submit">{text.confirm}</button>
        </form>
      </div>
    </Layout>
  );
}

function Expired(props: { locale: Locale }) {
  const text = TEXT[props.locale];
  return (
    <Layout locale={props.locale} title={text.confirmTitle}>
      <h1>{text.confirmTitle}</h1>
      <Flash kind="error">{text.expired}</Flash>
      <p>
        <a class="button" href="/login">
          {text.again}
        </a>
      </p>
    </Layout>
  );
}

/** For an address with an account: a new one-time link, stored hashed, e-mailed after the answer is sent. */
async function sendLinkIfRegistered(c: Context<AppEnv>, email: string, next: string) {
  const user = await userByEmail(c.var.db, email);
  if (!user) return;
  const token = newLoginToken();
  const id = newId("lnk");
  await insertLoginLink(c.var.db, {
    id,
    userId: user.id,
    tokenHash: await sha256Hex(token),
    createdAt: new Date(c.var.now).toISOString(),
    expiresAt: new Date(c.var.now + LINK_MINUTES * 60_000).toISOString(),
  });
  const url = `${c.env.PUBLIC_URL.replace(/\/+$/, "")}/login/${token}?next=${encodeURIComponent(next)}`;
  // Sent after the answer, so the response time does not tell whether the address has an account.
  c.var.ctx.later(sendLoginLink(c.var.ctx.providers, user.email, user.locale, url, id));
}

async function sendLoginLink(providers: Providers, to: string, locale: Locale, url: string, linkId: string) {
  const text = TEXT[locale];
  const body = text.mailBody(url);
  if (!providers.email) {
    toLocalOutbox(to, `${text.mailSubject}\n${body}`);
    return;
  }
  const result = await providers.email.send({
    to,
    from: providers.from,
    subject: text.mailSubject,
    text: body,
    html: `<p>${text.confirmIntro}</p><p><a href="${url}">${text.confirm}</a></p><p style="color:#666">${url}</p>`,
    idempotencyKey: linkId,
  });
  if (result.outcome !== "sent") console.error(`login link ${linkId} not sent: ${result.outcome} ${result.error}`);
}

export const loginRouter = new Hono<AppEnv>();

loginRouter.get("/login", async (c) => {
  if (await currentSession(c)) return c.redirect("/app", 303);
  const locale = visitorLocale(c.req.query("lang"), c.req.header("accept-language"));
  return c.html(<LoginForm locale={locale} next={safeNext(c.req.query("next"))} />);
});

loginRouter.post("/login", async (c) => {
  const form = await c.req.parseBody();
  const locale = visitorLocale(typeof form.lang === "string" ? form.lang : undefined, c.req.header("accept-language"));
  const text = TEXT[locale];
  const next = safeNext(form.next);
  const answer = (message: string, status: 200 | 400 | 429) =>
    c.html(<LoginForm locale={locale} next={next} message={message} error={status !== 200} />, status);
  const tooMany = (limit: "LOGIN_IP_RATE_LIMIT" | "LOGIN_ADDRESS_RATE_LIMIT") =>
    answer(text.tooMany(retryAfter(c, limit)), 429);
  // Cloudflare sets CF-Connecting-IP on every request it serves; without it (a local test) there is no IP to count.
  const ip = c.req.header("cf-connecting-ip");
  if (ip && !(await withinLimit(c.env, "LOGIN_IP_RATE_LIMIT", ip))) return tooMany("LOGIN_IP_RATE_LIMIT");
  const parsed = Email.safeParse(typeof form.email === "string" ? form.email.trim() : "");
  if (!parsed.success) return answer(text.invalidEmail, 400);
  const email = parsed.data.toLowerCase();
  // Counted for unknown addresses too, so the answer never tells whether one has an account; keyed by a hash,
  // so addresses do not travel to the limiter.
  if (!(await withinLimit(c.env, "LOGIN_ADDRESS_RATE_LIMIT", await sha256Hex(`login\n${email}`)))) {
    return tooMany("LOGIN_ADDRESS_RATE_LIMIT");
  }
  await sendLinkIfRegistered(c, email, next);
  // The same answer whether or not the address is registered.
  return answer(text.sent, 200);
});

loginRouter.get("/login/:token", async (c) => {
  const token = c.req.param("token");
  const locale = visitorLocale(c.req.query("lang"), c.req.header("accept-language"));
  const live = LOGIN_TOKEN.test(token)
    ? await liveLoginLink(c.var.db, await sha256Hex(token), new Date(c.var.now).toISOString())
    : undefined;
  c.header("Referrer-Policy", "no-referrer");
  if (!live) return c.html(<Expired locale={locale} />, 410);
  return c.html(
    <ConfirmSignIn locale={locale} token={token} next={safeNext(c.req.query("next"))} here={pageAddress(c)} />,
  );
});

loginRouter.post("/login/:token", async (c) => {
  const token = c.req.param("token");
  const form = await c.req.parseBody();
  const locale = visitorLocale(undefined, c.req.header("accept-language"));
  if (!LOGIN_TOKEN.test(token)) return c.html(<Expired locale={locale} />, 410);
  // Decided before the link is used up, so nothing after the redemption can fail on what was posted.
  const next = safeNext(form.next);
  const sessionToken = newSessionToken();
  const nowIso = new Date(c.var.now).toISOString();
  const user = await redeemLoginLink(c.var.db, await sha256Hex(token), nowIso, {
    id: newId("ses"),
    tokenHash: await sha256Hex(sessionToken),
    createdAt: nowIso,
    expiresAt: new Date(c.var.now + SESSION_DAYS * 86_400_000).toISOString(),
  });
  if (!user) return c.html(<Expired locale={locale} />, 410);
  setSessionCookie(c, sessionToken);
  return c.redirect(next, 303);
});

export const logoutRouter = new Hono<PageEnv>();
logoutRouter.post("/logout", requireSession, async (c) => {
  const locale = c.var.user.locale;
  await endSession(c);
  return c.html(<LoginForm locale={locale} next="/app" message={TEXT[locale].signedOut} />);
});
