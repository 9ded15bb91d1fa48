// Money per month on the home page: net spending per currency over the last months as server-drawn SVG
// bars (with the figures as a table for screen readers and exact reading), and what the active
// memberships cost per month now. Currencies are never added together: there is no exchange rate here.
import type { MembershipRow } from "../../../schema/tables";
import { isCurrency } from "../../../schema/vocabulary";
import type { SpendEvent } from "../../db/home";
import { formatAmount } from "../../money/format";
import { amountText, type Locale } from "../../texts/alerts";
import { localDate } from "../../time/zones";

/** How many months the chart shows, this one included. */
export const SPEND_MONTHS = 6;

export interface CurrencySpend {
  currency: string;
  /** Net minor units (charges minus refunds) per month, oldest first, aligned with the months given. */
  totals: number[];
}

/** The `count` months (YYYY-MM) up to and including the one `today` is in, oldest first. */
export function lastMonths(today: string, count: number): string[] {
  const [year, month] = today.split("-").map(Number) as [number, number];
  const months: string[] = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    const index = year * 12 + (month - 1) - back;
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`);
  }
  return months;
}

/** Charges minus refunds per currency and month, the month taken in the user's timezone. */
export function monthlySpend(events: SpendEvent[], months: string[], timeZone: string): CurrencySpend[] {
  const byCurrency = new Map<string, number[]>();
  for (const event of events) {
    if (event.amountMinor == null || !event.currency) continue;
    const instant = Date.parse(event.occurredAt);
    if (Number.isNaN(instant)) continue;
    const slot = months.indexOf(localDate(instant, timeZone).slice(0, 7));
    if (slot < 0) continue;
    const totals = byCurrency.get(event.currency) ?? months.map(() => 0);
    totals[slot] = (totals[slot] ?? 0) + (event.kind === "refund" ? -event.amountMinor : event.amountMinor);
    byCurrency.set(event.currency, totals);
  }
  return [...byCurrency]
    .map(([currency, totals]) => ({ currency, totals }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}

// An average month: 365.25 / 12 days, so weekly and daily cycles compare fairly with monthly ones.
const DAYS_PER_MONTH = 365.25 / 12;
const MONTHS_PER_UNIT = { day: 1 / DAYS_PER_MONTH, week: 7 / DAYS_PER_MONTH, month: 1, year: 12 } as const;

/** What the active auto-renewing memberships cost in an average month, per currency (minor units). */
export function monthlyCost(memberships: MembershipRow[]): { currency: string; amountMinor: number }[] {
  const sums = new Map<string, number>();
  for (const membership of memberships) {
    if (membership.status !== "active" || !membership.autoRenew || membership.deletedAt) continue;
    const months = MONTHS_PER_UNIT[membership.cycleUnit] * Math.max(1, membership.cycleCount);
    sums.set(membership.currency, (sums.get(membership.currency) ?? 0) + membership.amountMinor / months);
  }
  return [...sums]
    .map(([currency, amount]) => ({ currency, amountMinor: Math.round(amount) }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}

const LABELS = {
  "zh-CN": {
    month: (month: string) => `${Number(month.slice(5, 7))}月`,
    monthLong: (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`,
    chartTitle: (currency: string) => `近 6 个月每月支出（${currency}）`,
    chartDesc: (currency: string) => `已匹配到会员的扣款减去退款，按月汇总，单位 ${currency}。`,
    figures: "查看数字",
    monthHeader: "月份",
    net: "扣款减退款",
  },
  en: {
    month: (month: string) => SHORT_MONTHS[Number(month.slice(5, 7)) - 1] ?? month,
    monthLong: (month: string) => `${SHORT_MONTHS[Number(month.slice(5, 7)) - 1] ?? ""} ${month.slice(0, 4)}`,
    chartTitle: (currency: string) => `Spending per month, last 6 months (${currency})`,
    chartDesc: (currency: string) => `Charges matched to your memberships minus refunds, per month, in ${currency}.`,
    figures: "Show the figures",
    monthHeader: "Month",
    net: "Charges minus refunds",
  },
} satisfies Record<Locale, unknown>;

const SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * A bar's label: the exact figure to the currency's minor unit ("17.99", JPY "2400"), never rounded, with the
 * currency named once in the chart's caption. A currency without a known exponent keeps its minor units.
 */
function barLabel(amountMinor: number, currency: string): string {
  return isCurrency(currency) ? formatAmount(amountMinor, currency) : String(amountMinor);
}

const WIDTH = 300;
const HEIGHT = 150;
const TOP = 18; // room for the value above the tallest bar
const BOTTOM = 20; // room for the month below the bars
const VALUE_FONT = 11;
// A digit of the chart's sans-serif font is at most about this share of its size wide.
const DIGIT_WIDTH = 0.62;

/** The values' font size: 11 units, smaller when the longest figure would not fit within a bar's slot. */
function valueFontSize(labels: string[], slot: number): number {
  const longest = Math.max(1, ...labels.map((label) => label.length));
  const fitting = (slot * 0.95) / (longest * DIGIT_WIDTH);
  return Math.min(VALUE_FONT, Math.floor(fitting * 10) / 10);
}

/** One currency's bars: a titled, described SVG, then the same figures as a table. */
export function SpendChart(props: { spend: CurrencySpend; months: string[]; locale: Locale }) {
  const { spend, months, locale } = props;
  const labels = LABELS[locale];
  const id = `spend-${spend.currency}`;
  const highest = Math.max(1, ...spend.totals);
  const slot = WIDTH / months.length;
  const barWidth = slot * 0.6;
  const plot = HEIGHT - TOP - BOTTOM;
  const values = months.map((_, index) => barLabel(spend.totals[index] ?? 0, spend.currency));
  const fontSize = valueFontSize(values, slot);
  return (
    <figure class="spend" id={id}>
      {/* Shown, not only the SVG's title: with several currencies, each chart must say which one it counts. */}
      <figcaption class="spend-title" id={`${id}-title`}>
        {labels.chartTitle(spend.currency)}
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title>{labels.chartTitle(spend.currency)}</title>
        <desc id={`${id}-desc`}>
          {`${labels.chartDesc(spend.currency)} ${months
            .map(
              (month, index) =>
                `${labels.monthLong(month)}: ${amountText(spend.totals[index] ?? 0, spend.currency, locale)}`,
            )
            .join("; ")}`}
        </desc>
        <line x1="0" y1={HEIGHT - BOTTOM} x2={WIDTH} y2={HEIGHT - BOTTOM} class="axis" />
        {months.map((month, index) => {
          const total = spend.totals[index] ?? 0;
          // A month where refunds outweighed charges draws no bar; its figure still shows the negative sum.
          const height = Math.round((Math.max(0, total) / highest) * plot);
          const x = slot * index + (slot - barWidth) / 2;
          const y = HEIGHT - BOTTOM - height;
          return (
            <g>
              <rect x={x.toFixed(1)} y={y} width={barWidth.toFixed(1)} height={height} class="bar" />
              <text
                x={(x + barWidth / 2).toFixed(1)}
                y={y - 4}
                text-anchor="middle"
                class="value"
                font-size={fontSize === VALUE_FONT ? undefined : fontSize}
              >
                {values[index]}
              </text>
              <text x={(x + barWidth / 2).toFixed(1)} y={HEIGHT - 5} text-anchor="middle" class="month">
                {labels.month(month)}
              </text>
            </g>
          );
        })}
      </svg>
      <details>
        <summary>{labels.figures}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{labels.monthHeader}</th>
              <th scope="col">{labels.net}</th>
            </tr>
          </thead>
          <tbody>
            {months.map((month, index) => (
              <tr data-month={month}>
                <th scope="row">{labels.monthLong(month)}</th>
                <td>{amountText(spend.totals[index] ?? 0, spend.currency, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export const SPEND_STYLE = `
figure.spend{margin:0 0 1rem}
figure.spend .spend-title{font-weight:600;font-size:.95rem;margin:0 0 .25rem}
figure.spend svg{display:block;width:100%;max-width:28rem;height:auto}
figure.spend .bar{fill:var(--accent)}
figure.spend .axis{stroke:var(--line)}
figure.spend text{font-size:11px;fill:var(--muted)}
figure.spend text.value{fill:var(--ink)}
figure.spend summary{cursor:pointer;color:var(--accent);font-size:.9rem}
`;
