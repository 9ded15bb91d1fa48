// Dashboard home (GET /app): what renews or must be cancelled in the next 60 days, the alerts that need
// action, and the money per month; a new user with no memberships is shown where to start instead.
import { type Context, Hono } from "hono";
import type { AlertRow } from "../../db/alerts";
import { homeData } from "../../db/home";
import { amountText, type Locale } from "../../texts/alerts";
import type { MembershipDate } from "../../time/ical";
import { localDate, zonedInstant } from "../../time/zones";
import type { PageEnv } from "../session";
import { ActionAlerts, ALERTS_STYLE } from "./home-alerts";
import { CALENDAR_DAYS, CALENDAR_STYLE, calendarEntries, UpcomingCalendar } from "./home-calendar";
import { type Frame, frameOf, Layout } from "./layout";
import {
  type CurrencySpend,
  lastMonths,
  monthlyCost,
  monthlySpend,
  SPEND_MONTHS,
  SPEND_STYLE,
  SpendChart,
} from "./spend-chart";

// The newest few are what needs doing now; the alerts page has the rest.
const ALERT_LIMIT = 20;

const TEXT = {
  "zh-CN": {
    title: "概览",
    welcome: "欢迎！三步开始",
    steps: [
      {
        before: "登记你的第一个会员：",
        link: "添加会员",
        href: "/app/memberships/new",
        after: "（名称、金额、下次续费日期）。",
      },
      {
        before: "在",
        link: "设置",
        href: "/app/settings",
        after: "里找到你的专属转发地址和 Webhook，把扣款邮件、银行短信转发过来。",
      },
      { before: "之后每笔扣款会自动对应到会员，续费和取消截止前提醒你。", link: "", href: "", after: "" },
    ],
    upcoming: "接下来 60 天",
    perMonth: "现在每月约",
    perMonthHint: "按生效中、自动续费的会员折算（年费 ÷ 12 等），各币种分开计算。",
    noCost: "没有生效中的自动续费会员。",
    actions: "需要处理",
    allAlerts: "全部提醒",
    spend: "每月支出",
    spendHint: "已匹配到会员的扣款减去退款，按你所在时区的月份统计。",
    noSpend: "近 6 个月还没有匹配到会员的扣款。",
  },
  en: {
    title: "Home",
    welcome: "Welcome! Three steps to start",
    steps: [
      {
        before: "Register your first membership: ",
        link: "add a membership",
        href: "/app/memberships/new",
        after: " (name, amount, next renewal date).",
      },
      {
        before: "Find your own forwarding address and webhook in ",
        link: "Settings",
        href: "/app/settings",
        after: ", and forward charge e-mails and bank SMS there.",
      },
      {
        before:
          "From then on each charge is matched to its membership, and you are warned before renewals and cancellation deadlines.",
        link: "",
        href: "",
        after: "",
      },
    ],
    upcoming: "The next 60 days",
    perMonth: "Per month now",
    perMonthHint: "Active auto-renewing memberships, normalised to a month (yearly ÷ 12 and so on), per currency.",
    noCost: "No active auto-renewing memberships.",
    actions: "Needs action",
    allAlerts: "All alerts",
    spend: "Spending per month",
    spendHint: "Charges matched to your memberships minus refunds, by month in your timezone.",
    noSpend: "No charges matched to a membership in the last 6 months.",
  },
} satisfies Record<Locale, unknown>;

const HOME_STYLE = `
section.card h2{margin-top:0}
.welcome ol{margin:0;padding-left:1.25rem}
.welcome li{margin:.3rem 0}
p.more{margin:.5rem 0 0}
.per-month .figure{margin:0;font-size:1.1rem}
p.hint{font-size:.85rem;margin:.2rem 0 .75rem}
`;

interface HomeProps {
  frame: Frame;
  timeZone: string;
  today: string;
  /** The months the spending chart shows, oldest first (YYYY-MM). */
  months: string[];
  hasMemberships: boolean;
  actionAlerts: AlertRow[];
  entries: MembershipDate[];
  cost: { currency: string; amountMinor: number }[];
  spend: CurrencySpend[];
}

/** The signed-in user's next 60 days, open alerts and money per month, counted in their timezone. */
async function homePageData(c: Context<PageEnv>): Promise<HomeProps> {
  const { user, now } = c.var;
  const today = localDate(now, user.timezone);
  const months = lastMonths(today, SPEND_MONTHS);
  const [firstYear, firstMonth] = (months[0] ?? today).split("-").map(Number) as [number, number];
  // The first instant of the oldest month shown, in the user's timezone.
  const since = new Date(zonedInstant(Date.UTC(firstYear, firstMonth - 1, 1), user.timezone)).toISOString();
  const data = await homeData(c.var.db, user.id, { since, alertLimit: ALERT_LIMIT });
  return {
    frame: frameOf(c),
    timeZone: user.timezone,
    today,
    months,
    hasMemberships: data.memberships.length > 0,
    actionAlerts: data.actionAlerts,
    entries: calendarEntries(data.memberships, today, CALENDAR_DAYS),
    cost: monthlyCost(data.memberships),
    spend: monthlySpend(data.spendEvents, months, user.timezone),
  };
}

function Welcome(props: { locale: Locale }) {
  const text = TEXT[props.locale];
  return (
    <section class="card welcome" aria-labelledby="welcome">
      <h2 id="welcome">{text.welcome}</h2>
      <ol>
        {text.steps.map((step) => (
          <li>
            {step.before}
            {step.href ? <a href={step.href}>{step.link}</a> : null}
            {step.after}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Spending(props: Pick<HomeProps, "cost" | "spend" | "months"> & { locale: Locale }) {
  const { cost, spend, locale } = props;
  const text = TEXT[locale];
  return (
    <section class="card" aria-labelledby="spend">
      <h2 id="spend">{text.spend}</h2>
      <div class="per-month" id="per-month">
        <p class="figure">
          <span class="label">{text.perMonth}</span>{" "}
          {cost.length === 0 ? (
            <span class="muted">{text.noCost}</span>
          ) : (
            cost.map((item, index) => (
              <>
                {index > 0 ? " · " : ""}
                <strong data-currency={item.currency}>{amountText(item.amountMinor, item.currency, locale)}</strong>
              </>
            ))
          )}
        </p>
        <p class="muted hint">{text.perMonthHint}</p>
      </div>
      <p class="muted hint">{text.spendHint}</p>
      {spend.length === 0 ? (
        <p class="muted">{text.noSpend}</p>
      ) : (
        spend.map((figures) => <SpendChart spend={figures} months={props.months} locale={locale} />)
      )}
    </section>
  );
}

function HomePage(props: HomeProps) {
  const { frame, actionAlerts } = props;
  const { locale } = frame;
  const text = TEXT[locale];
  return (
    <Layout
      {...frame}
      title={text.title}
      section="home"
      style={CALENDAR_STYLE + ALERTS_STYLE + SPEND_STYLE + HOME_STYLE}
    >
      <h1>{text.title}</h1>

      {props.hasMemberships ? null : <Welcome locale={locale} />}

      <section class="card" aria-labelledby="actions">
        <h2 id="actions">{text.actions}</h2>
        <ActionAlerts alerts={actionAlerts} locale={locale} timeZone={props.timeZone} />
        {actionAlerts.length > 0 ? (
          <p class="more">
            <a href="/app/alerts">{text.allAlerts}</a>
          </p>
        ) : null}
      </section>

      {props.hasMemberships ? (
        <section class="card" aria-labelledby="upcoming">
          <h2 id="upcoming">{text.upcoming}</h2>
          <UpcomingCalendar entries={props.entries} today={props.today} days={CALENDAR_DAYS} locale={locale} />
        </section>
      ) : null}

      {props.hasMemberships || props.spend.length > 0 ? (
        <Spending cost={props.cost} spend={props.spend} months={props.months} locale={locale} />
      ) : null}
    </Layout>
  );
}

export const homePages = new Hono<PageEnv>();

homePages.get("/", async (c) => c.html(<HomePage {...(await homePageData(c))} />));
