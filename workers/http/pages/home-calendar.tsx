// The home page's calendar: what renews, must be cancelled or ends its trial in the coming days, as
// month grids small enough for a phone (a marker per day) and an agenda below that names every item.
import type { MembershipRow } from "../../../schema/tables";
import { daysBetween } from "../../rules/cycle";
import { amountText, type Locale } from "../../texts/alerts";
import { type FeedEventKind, type MembershipDate, membershipDates } from "../../time/ical";
import { addDays } from "../../time/zones";

/** How far ahead the home page looks: about two billing months. */
export const CALENDAR_DAYS = 60;

const KIND_ORDER: Record<FeedEventKind, number> = { cancel_deadline: 0, trial_end: 1, renewal: 2 };

/** The dated items from `today` to `today + days` (inclusive), by date; on one day deadlines come first. */
export function calendarEntries(memberships: MembershipRow[], today: string, days: number): MembershipDate[] {
  const end = addDays(today, days);
  // A renewal just past the window can still have its cancellation deadline inside it.
  const notice = Math.max(0, ...memberships.map((membership) => membership.cancelNoticeDays));
  return membershipDates(memberships, addDays(end, notice))
    .filter((entry) => entry.date >= today && entry.date <= end)
    .sort(
      (a, b) =>
        a.date.localeCompare(b.date) ||
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        a.membership.name.localeCompare(b.membership.name),
    );
}

const SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const LABELS = {
  "zh-CN": {
    // Weeks start on Monday in China.
    firstWeekday: 1,
    weekdays: ["日", "一", "二", "三", "四", "五", "六"],
    weekdayLong: ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
    month: (year: number, month: number) => `${year}年${month}月`,
    day: (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`,
    kind: { renewal: "续费", cancel_deadline: "最晚取消", trial_end: "试用结束" } as Record<FeedEventKind, string>,
    inDays: (days: number) => (days === 0 ? "今天" : days === 1 ? "明天" : `${days} 天后`),
    guards: (date: string) => `（${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日续费前）`,
    legend: "图例",
    today: "今天",
    agenda: "日程",
    nothing: "接下来 60 天没有续费、取消截止或试用到期。",
  },
  en: {
    firstWeekday: 0,
    weekdays: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
    weekdayLong: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    month: (year: number, month: number) => `${SHORT_MONTHS[month - 1]} ${year}`,
    day: (date: string) => `${SHORT_MONTHS[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8, 10))}`,
    kind: { renewal: "renews", cancel_deadline: "cancel by", trial_end: "trial ends" } as Record<FeedEventKind, string>,
    inDays: (days: number) => (days === 0 ? "today" : days === 1 ? "tomorrow" : `in ${days} days`),
    guards: (date: string) =>
      `(before the renewal on ${SHORT_MONTHS[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8, 10))})`,
    legend: "Legend",
    today: "today",
    agenda: "Agenda",
    nothing: "Nothing renews, reaches a cancellation deadline or ends a trial in the next 60 days.",
  },
} satisfies Record<Locale, unknown>;

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The weeks (each 7 dates) from the one holding `from` to the one holding `to`, split by month. */
function monthGrids(from: string, to: string, firstWeekday: number): { month: string; weeks: (string | null)[][] }[] {
  let start = addDays(from, -((weekday(from) - firstWeekday + 7) % 7));
  const grids: { month: string; weeks: (string | null)[][] }[] = [];
  while (start <= to) {
    const week = Array.from({ length: 7 }, (_, index) => addDays(start, index));
    // A week that spans two months appears in both grids, each showing only its own month's days.
    for (const month of new Set(week.map((date) => date.slice(0, 7)))) {
      if (month < from.slice(0, 7) || month > to.slice(0, 7)) continue;
      let grid = grids.find((candidate) => candidate.month === month);
      if (!grid) {
        grid = { month, weeks: [] };
        grids.push(grid);
      }
      grid.weeks.push(week.map((date) => (date.slice(0, 7) === month ? date : null)));
    }
    start = addDays(start, 7);
  }
  return grids;
}

/** The month grids and the agenda; `entries` come from calendarEntries. */
export function UpcomingCalendar(props: { entries: MembershipDate[]; today: string; days: number; locale: Locale }) {
  const { entries, today, locale } = props;
  const labels = LABELS[locale];
  const end = addDays(today, props.days);
  const byDate = new Map<string, MembershipDate[]>();
  for (const entry of entries) byDate.set(entry.date, [...(byDate.get(entry.date) ?? []), entry]);
  const order = Array.from({ length: 7 }, (_, index) => (labels.firstWeekday + index) % 7);

  return (
    <div class="upcoming">
      {monthGrids(today, end, labels.firstWeekday).map((grid) => {
        const [year, month] = grid.month.split("-").map(Number) as [number, number];
        return (
          <table class="cal" data-month={grid.month}>
            <caption>{labels.month(year, month)}</caption>
            <thead>
              <tr>
                {order.map((day) => (
                  <th scope="col" abbr={labels.weekdayLong[day]}>
                    {labels.weekdays[day]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.weeks.map((week) => (
                <tr>
                  {week.map((date) => {
                    if (!date) return <td class="blank" />;
                    const inside = date >= today && date <= end;
                    const items = byDate.get(date) ?? [];
                    const number = Number(date.slice(8, 10));
                    return (
                      <td
                        data-date={date}
                        class={inside ? (date === today ? "today" : undefined) : "out"}
                        aria-current={date === today ? "date" : undefined}
                      >
                        {items.length > 0 ? (
                          <a class="day" href={`#day-${date}`}>
                            <span class="num">{number}</span>
                            <span class="marks" aria-hidden="true">
                              {items.slice(0, 3).map((item) => (
                                <span class={`mark ${item.kind}`} />
                              ))}
                            </span>
                            <span class="sr">
                              {items.map((item) => `${labels.kind[item.kind]} ${item.membership.name}`).join("; ")}
                            </span>
                          </a>
                        ) : (
                          <span class="day">{number}</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
      <p class="legend muted">
        <span class="sr">{labels.legend}: </span>
        {(["renewal", "cancel_deadline", "trial_end"] as const).map((kind) => (
          <span>
            <span class={`mark ${kind}`} aria-hidden="true" /> {labels.kind[kind]}
          </span>
        ))}
      </p>

      <h3>{labels.agenda}</h3>
      {entries.length === 0 ? (
        <p class="muted">{labels.nothing}</p>
      ) : (
        <ol class="agenda">
          {[...byDate].map(([date, items]) => (
            <li id={`day-${date}`} class="agenda-day">
              <p class="when">
                <time datetime={date}>{`${labels.day(date)} ${labels.weekdayLong[weekday(date)]}`}</time>{" "}
                <span class="muted">{labels.inDays(daysBetween(today, date))}</span>
              </p>
              <ul>
                {items.map((item) => (
                  <li class={`entry ${item.kind}`} data-kind={item.kind} data-membership={item.membership.id}>
                    <span class={`tag ${item.kind}`}>{labels.kind[item.kind]}</span>{" "}
                    <a href={`/app/memberships/${item.membership.id}`}>{item.membership.name}</a>{" "}
                    <span class="amount">
                      {amountText(item.membership.amountMinor, item.membership.currency, locale)}
                    </span>
                    {item.kind === "cancel_deadline" && item.renewalOn ? (
                      <span class="muted"> {labels.guards(item.renewalOn)}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

// Child selectors and quotes are left out: the layout's <style> text goes through HTML escaping.
export const CALENDAR_STYLE = `
.sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.upcoming{display:grid;gap:.25rem}
table.cal{table-layout:fixed;width:100%;max-width:28rem;margin:0 0 .75rem}
table.cal caption{text-align:left;font-weight:600;padding:.25rem 0}
table.cal th{text-align:center;font-weight:500;font-size:.75rem;color:var(--muted);padding:.2rem 0;border:0}
table.cal td{text-align:center;padding:1px;border:0;height:2.6rem;vertical-align:top;font-size:.9rem}
table.cal .day{display:block;height:100%;border-radius:.35rem;padding:.15rem 0;text-decoration:none;color:var(--ink)}
table.cal a.day{background:#e8f0fe;font-weight:600}
table.cal td.out .day{color:#aab2bc}
table.cal td.today .day{outline:2px solid var(--accent);outline-offset:-2px}
.marks{display:flex;justify-content:center;gap:2px;line-height:0}
.mark{display:inline-block;width:.45rem;height:.45rem;border-radius:50%;background:var(--accent)}
.mark.cancel_deadline{background:var(--danger);border-radius:1px}
.mark.trial_end{background:none;border:2px solid var(--warn)}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-size:.85rem;margin:0}
ol.agenda{list-style:none;padding:0;margin:0}
li.agenda-day{padding:.4rem 0;border-bottom:1px solid var(--line)}
ol.agenda p.when{margin:0;font-weight:600}
ol.agenda ul{margin:.2rem 0 0;padding-left:1rem}
.tag{display:inline-block;padding:0 .4rem;border-radius:.3rem;font-size:.8rem;background:#e8f0fe;color:var(--accent)}
.tag.cancel_deadline{background:#fdeeee;color:var(--danger)}
.tag.trial_end{background:#fff4e0;color:var(--warn)}
`;
