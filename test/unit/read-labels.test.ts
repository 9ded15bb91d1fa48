import { describe, expect, it } from "vitest";
import { type LabelOptions, label } from "../../workers/read/generic-en";

/** Every match of `pattern` in `text` as [index, text]: all of them when global, else the first. */
function matches(pattern: RegExp, text: string): [number, string][] {
  const found: [number, string][] = [];
  if (!pattern.global) {
    const match = pattern.exec(text);
    return match ? [[match.index, match[0]]] : [];
  }
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) found.push([match.index, match[0]]);
  return found;
}

describe("label", () => {
  // Labels search for their words, then try the starts before them (Gmail writes bold as *Order ID*; a
  // line-start label may follow a break, tab or "|", spaces and stars): exactly what a plain search finds.
  const cases: [string, LabelOptions, string, [number, string][]][] = [
    ["total", {}, "**total \tTotal 2025-05-20 $12.99>TOTAL*:", [[0, "**total \t"]]],
    ["order id", {}, "x***Order ID: 12", [[2, "**Order ID:"]]],
    ["order id", {}, "ab**order id:7 (**Order  ID* 8", [[3, "*order id:"]]],
    [
      "order id",
      { global: true },
      "a **Order ID:1 b*order id 2 ***ORDER ID#3 x**order id",
      [
        [2, "**Order ID:"],
        [17, "order id "],
        [28, "***ORDER ID#"],
        [44, "*order id"],
      ],
    ],
    // At a line start or after a cell break, with spaces and stars between ("\r" starts a line too).
    [
      "total|total amount|amount paid",
      { lineStart: true },
      "Subtotal $1\n  **Total: $2\n|Total Amount $3",
      [[11, "\n  **Total:"]],
    ],
    [
      "total|total amount|amount paid",
      { lineStart: true, global: true },
      "Subtotal $1\n  **Total: $2\n|Total Amount $3\r * amount paid 4\ttotal",
      [
        [11, "\n  **Total:"],
        [26, "|Total "],
        [43, " * amount paid "],
        [59, "\ttotal"],
      ],
    ],
    ["DATE", { lineStart: true, caseSensitive: true }, "x\tdate 5\n DATE 6", [[8, "\n DATE "]]],
  ];

  it("starts a match in the lead before the label's words, where a plain search does", () => {
    for (const [source, options, text, expected] of cases) {
      const pattern = label(source, options);
      expect(matches(pattern, text)).toEqual(expected);
      expect(matches(new RegExp(pattern.source, pattern.flags), text)).toEqual(expected);
    }
  });
});
