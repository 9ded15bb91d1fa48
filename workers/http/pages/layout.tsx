// The dashboard's frame: one inline stylesheet (no extra request, no scripts), the navigation, and the
// language of the page. Built for a phone first: a single column that widens on larger screens.
import type { Context } from "hono";
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { Locale } from "../../texts/alerts";
import type { PageEnv } from "../session";
import { pageAddress } from "./return-path";

export type Section = "home" | "memberships" | "inbox" | "alerts" | "settings";

const NAV: Record<Locale, Record<Section | "signOut" | "product", string>> = {
  "zh-CN": {
    product: "续费看门狗",
    home: "概览",
    memberships: "会员",
    inbox: "待认领",
    alerts: "提醒",
    settings: "设置",
    signOut: "退出",
  },
  en: {
    product: "Renewal watchdog",
    home: "Home",
    memberships: "Memberships",
    inbox: "Inbox",
    alerts: "Alerts",
    settings: "Settings",
    signOut: "Sign out",
  },
};

/** Each language by its own name, as the switch in the header offers it. */
const LANGUAGE_NAMES: Record<Locale, string> = { "zh-CN": "中文", en: "English" };

const OTHER: Record<Locale, Locale> = { "zh-CN": "en", en: "zh-CN" };

// A base to read a page's own path against: whatever would land elsewhere is not a path of ours.
const ORIGINLESS = "https://page.invalid";

const PATHS: Record<Section, string> = {
  home: "/app",
  memberships: "/app/memberships",
  inbox: "/app/inbox",
  alerts: "/app/alerts",
  settings: "/app/settings",
};

// The pages run no scripts, so the policy allows none: an injected tag could neither run nor send a form
// elsewhere, and no other site may frame a page to trick a click on "assign" or "delete".
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** The headers every dashboard page carries, also the error pages served outside /app and /login. */
export function securePage(c: Context) {
  c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  c.header("X-Content-Type-Options", "nosniff");
  // Someone's memberships and spending must not stay in a shared computer's cache after signing out.
  c.header("Cache-Control", "no-store");
}

export const STYLE = `
*,*::before,*::after{box-sizing:border-box}
:root{--ink:#1d232b;--muted:#5b6673;--line:#dde2e8;--bg:#f6f7f9;--card:#fff;--accent:#1f6feb;--danger:#c62828;--warn:#a86200;--ok:#2e7d32;color-scheme:light}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--accent)}
header.top{background:var(--card);border-bottom:1px solid var(--line)}
header.top .bar{max-width:60rem;margin:0 auto;padding:.5rem 1rem;display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1rem}
header.top .brand{font-weight:700;margin-right:auto;text-decoration:none;color:var(--ink)}
nav.main{display:flex;flex-wrap:wrap;gap:.25rem;align-items:center}
nav.main a{padding:.35rem .6rem;border-radius:.4rem;text-decoration:none;color:var(--ink)}
nav.main a[aria-current=page]{background:#e8f0fe;color:var(--accent);font-weight:600}
nav.main form{margin:0}
.language{margin:0}
.language a,.language button{display:inline-block;padding:.35rem .6rem}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.5rem 0 1rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:.6rem;padding:1rem;margin:0 0 1rem;overflow-wrap:anywhere}
.muted{color:var(--muted)}
.badge{display:inline-block;padding:0 .45rem;border-radius:1rem;font-size:.8rem;border:1px solid var(--line);white-space:nowrap}
.badge.active{border-color:var(--ok);color:var(--ok)}.badge.cancelled{border-color:var(--danger);color:var(--danger)}.badge.ended{color:var(--muted)}
.flash{border-left:4px solid var(--ok);background:#eef7ee;padding:.6rem .8rem;margin:0 0 1rem;border-radius:.3rem}
.flash.error{border-color:var(--danger);background:#fdeeee}
form.stack{display:grid;gap:.75rem}
label{display:grid;gap:.2rem;font-weight:600;font-size:.95rem}
label .hint{font-weight:400;color:var(--muted);font-size:.85rem}
input,select,textarea{font:inherit;font-weight:400;padding:.5rem .6rem;border:1px solid #b8c1cc;border-radius:.4rem;background:#fff;width:100%;min-width:0}
input[type=checkbox],input[type=radio]{width:auto}
.row{display:grid;gap:.75rem;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr))}
.row>label{grid-row:span 4;grid-template-rows:subgrid;row-gap:.2rem;align-content:start}
.row>label>.hint{grid-row:2}.row>label>:is(input,select,textarea){grid-row:3;align-self:end}.row>label>.field-error{grid-row:4}
button,.button{font:inherit;display:inline-block;padding:.5rem .9rem;border-radius:.4rem;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:var(--accent)}
button.link{background:none;border:none;color:var(--accent);padding:.35rem .6rem;text-decoration:underline}
button.danger{background:var(--danger);border-color:var(--danger)}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.45rem .4rem;border-bottom:1px solid var(--line);vertical-align:top}
.table-wrap{overflow-x:auto}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9rem;background:#eef1f4;border-radius:.3rem}
code{padding:.05rem .3rem}pre{padding:.6rem;overflow-x:auto;white-space:pre-wrap;overflow-wrap:anywhere}
@media (min-width:48rem){main{padding:1.5rem 1rem}h1{font-size:1.6rem}}
`;

/**
 * What the frame of a signed-in page takes from the request: the reader's language, the token for the header's
 * forms and the page's own address (for the language switch).
 */
export interface Frame {
  locale: Locale;
  csrf: string;
  here: string | undefined;
}

/** The signed-in reader's frame, spread into `Layout`: `<Layout {...frame} title=… section=…>`. */
export const frameOf = (c: Context<PageEnv>): Frame => ({
  locale: c.var.user.locale,
  csrf: c.var.csrf,
  here: pageAddress(c),
});

export function Layout(props: {
  locale: Locale;
  title: string;
  section?: Section;
  csrf?: string;
  /** Page-specific CSS, appended after the shared stylesheet. */
  style?: string;
  /** This page's address (path and query, return-path.ts `pageAddress`): the language switch comes back to it. */
  here?: string;
  children?: Child;
}) {
  const nav = NAV[props.locale];
  return (
    <html lang={props.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        {/* No icon to fetch: saves a request (and a 404) on every page. */}
        <link rel="icon" href="data:," />
        <title>{`${props.title} · ${nav.product}`}</title>
        {/* Constant CSS written here, never data: raw, because JSX would escape its quotes. */}
        <style>{raw(props.style ? STYLE + props.style : STYLE)}</style>
      </head>
      <body>
        <header class="top">
          <div class="bar">
            <a class="brand" href={props.csrf ? "/app" : "/login"}>
              {nav.product}
            </a>
            {props.csrf && (
              <nav class="main">
                {(Object.keys(PATHS) as Section[]).map((section) => (
                  <a href={PATHS[section]} aria-current={props.section === section ? "page" : undefined}>
                    {nav[section]}
                  </a>
                ))}
                <form method="post" action="/logout">
                  <input type="hidden" name="_csrf" value={props.csrf} />
                  <button type="submit" class="link">
                    {nav.signOut}
                  </button>
                </form>
              </nav>
            )}
            <LanguageSwitch locale={props.locale} csrf={props.csrf} here={props.here} />
          </div>
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

/**
 * The other language, in the header of every page, without a script: signed in, a form that stores it on the
 * profile (POST /app/language) and comes back to this page; signed out, a link to this page with ?lang=.
 */
function LanguageSwitch(props: { locale: Locale; csrf?: string; here?: string }) {
  const other = OTHER[props.locale];
  if (props.csrf) {
    return (
      <form method="post" action="/app/language" class="language">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <input type="hidden" name="next" value={props.here ?? "/app"} />
        <button type="submit" name="locale" value={other} lang={other} class="link">
          {LANGUAGE_NAMES[other]}
        </button>
      </form>
    );
  }
  // Everything else in the address (sign-in's `next`) stays as it was; only ever a path on this site.
  let address = new URL(props.here ?? "/login", ORIGINLESS);
  if (address.origin !== ORIGINLESS || address.pathname.startsWith("//")) address = new URL("/login", ORIGINLESS);
  address.searchParams.set("lang", other);
  return (
    <p class="language">
      <a href={address.pathname + address.search} lang={other} hreflang={other}>
        {LANGUAGE_NAMES[other]}
      </a>
    </p>
  );
}

/** The hidden field every dashboard form carries. */
export const Csrf = (props: { token: string }) => <input type="hidden" name="_csrf" value={props.token} />;

/** A short message shown above a page after a form was sent (?done=… or a validation error). */
export const Flash = (props: { kind?: "ok" | "error"; children?: Child }) => (
  <p class={props.kind === "error" ? "flash error" : "flash"} role={props.kind === "error" ? "alert" : "status"}>
    {props.children}
  </p>
);

/** A form that is only its button (dismiss a notice, delete a membership): posts to `action` with the CSRF token. */
export const PostButton = (props: { action: string; csrf: string; class: string; children?: Child }) => (
  <form method="post" action={props.action}>
    <Csrf token={props.csrf} />
    <button type="submit" class={props.class}>
      {props.children}
    </button>
  </form>
);
