// The dashboard's refusals as pages: a form that cannot be read (400), a page or record that is not there (404),
// a timeline link that no longer opens (403). In the dashboard's layout and the reader's language, with the
// navigation when they are signed in, so nobody signed in is shown a bare page with a "Sign in" link.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Locale } from "../../texts/alerts";
import type { AppEnv } from "../context";
import { csrfFor, currentSession } from "../session";
import { Flash, Layout, securePage } from "./layout";
import { visitorLocale } from "./login";
import { pageAddress } from "./return-path";

export type ErrorKind =
  | "unreadableForm"
  | "notFound"
  | "timelineLink"
  | "tooLarge"
  | "signedOut"
  | "crossSite"
  | "refused"
  | "failed";

const TEXT = {
  "zh-CN": {
    unreadableForm: {
      title: "表单无法读取",
      message: "提交的表单数据不完整或格式有误，没有保存任何内容。请回到上一页重新提交。",
    },
    notFound: {
      title: "找不到这个页面",
      message: "这个地址不存在，或者这条记录不在你的账户里。",
    },
    timelineLink: {
      title: "链接无效或已过期",
      message:
        "提醒里的时间线链接 90 天后失效，被改动过的链接也打不开。登录控制台，打开这个会员的页面，点「可打印时间线」就能得到新的链接；之后的提醒也会带上新链接。",
    },
    tooLarge: { title: "表单太大", message: "提交的内容超过了表单的大小上限，没有保存任何内容。" },
    signedOut: { title: "登录已失效", message: "你的登录已过期，表单没有保存。请重新登录后再提交一次。" },
    crossSite: {
      title: "表单被拒绝",
      message: "这个表单不是从你的控制台页面提交的（CSRF 检查），没有保存任何内容。请刷新页面后重试。",
    },
    refused: { title: "无法完成", message: "这个操作没有完成，没有改动任何内容。" },
    failed: { title: "出了点问题", message: "没有改动任何内容。请稍后再试。" },
    home: "回到概览",
    signIn: "登录",
    membership: "打开会员页面",
  },
  en: {
    unreadableForm: {
      title: "This form could not be read",
      message:
        "The form data sent was incomplete or malformed, and nothing was saved. Go back and send the form again.",
    },
    notFound: {
      title: "Page not found",
      message: "This address does not exist, or the record is not in your account.",
    },
    timelineLink: {
      title: "This link is invalid or has expired",
      message:
        "Timeline links in alerts stop working after 90 days, and a link that was changed never opens. Sign in to " +
        "the dashboard, open the membership and use “Printable timeline” for a fresh link; later alerts carry one too.",
    },
    tooLarge: {
      title: "This form is too large",
      message: "What was sent is over the size limit for forms here, and nothing was saved.",
    },
    signedOut: {
      title: "You are signed out",
      message: "Your session has ended and the form was not saved. Sign in again and send it once more.",
    },
    crossSite: {
      title: "Form refused",
      message: "This form did not come from your dashboard (CSRF check), and nothing was saved. Reload and try again.",
    },
    refused: { title: "That did not work", message: "Nothing was changed." },
    failed: { title: "Something went wrong", message: "Nothing was changed. Try again in a moment." },
    home: "Back to Home",
    signIn: "Sign in",
    membership: "Open the membership",
  },
} satisfies Record<Locale, unknown>;

interface Viewer {
  locale: Locale;
  /** Set when signed in: the layout then shows the navigation (its sign-out form needs the token). */
  csrf?: string;
}

/** Who is reading: the signed-in user (known already on /app pages, else from the cookie), or a visitor. */
async function viewerOf(c: Context<AppEnv>): Promise<Viewer> {
  const user = c.get("user");
  const csrf = c.get("csrf");
  if (user && csrf) return { locale: user.locale, csrf };
  // A refusal must not fail in turn: without the database the page is the visitor's.
  const session = await currentSession(c).catch(() => undefined);
  if (session) return { locale: session.user.locale, csrf: await csrfFor(session.token) };
  return { locale: visitorLocale(c.req.query("lang"), c.req.header("accept-language")) };
}

/** The page for a refusal, with `status`; `next` points the reader somewhere better than the default. */
export async function errorPage(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  kind: ErrorKind,
  next?: { href: string; label: "membership" },
  detail?: string,
): Promise<Response> {
  const viewer = await viewerOf(c);
  const text = TEXT[viewer.locale];
  const fallback = viewer.csrf ? { href: "/app", label: text.home } : { href: "/login", label: text.signIn };
  const link = next ? { href: next.href, label: text[next.label] } : fallback;
  securePage(c);
  return c.html(
    <Layout locale={viewer.locale} title={text[kind].title} csrf={viewer.csrf} here={pageAddress(c)}>
      <h1>{text[kind].title}</h1>
      <Flash kind="error">{text[kind].message}</Flash>
      {detail && <p class="muted">{detail}</p>}
      <p>
        <a class="button" href={link.href}>
          {link.label}
        </a>
      </p>
    </Layout>,
    status,
  );
}
