// Searching with a pattern that opens with assertions (lookbehinds, word edges), without paying for them
// at every position. V8 has nothing to scan for in such a pattern and tries all of it at each position.
// The same pattern without those assertions (`loose`) is fast to scan, and it matches at every position
// where the whole one does (assertions only constrain). So the loose one finds the candidate starts, in
// order, and the whole pattern is tried anchored (sticky) at each: the first that holds is the match a
// plain search would return (same start, and at one start both take the same first path). Pure.

function isSurrogatePair(text: string, index: number): boolean {
  const lead = text.charCodeAt(index);
  const trail = text.charCodeAt(index + 1);
  return lead >= 0xd800 && lead <= 0xdbff && trail >= 0xdc00 && trail <= 0xdfff;
}

/**
 * What a pattern may open with before the words its loose twin scans for: a run of `chars` (stars of
 * Gmail's bold in "**Order ID", spaces and stars before a label at a line start), and before the run up to
 * `before` more characters (the line break, tab or "|" that starts a cell). A match can start nowhere else.
 */
export interface Lead {
  chars: string;
  before: number;
}

/**
 * The leftmost match of `anchored` (sticky) starting at or after `from`, tried where `loose` (global, and
 * matching wherever `anchored` does) starts a match. `unicode`: the patterns have the u flag, whose plain
 * search never starts inside a surrogate pair. `lead`: what `anchored` may open with that `loose` leaves
 * out (see Lead); each start it allows before a candidate is tried, in order, and none twice.
 */
export function firstAnchoredMatch(
  text: string,
  from: number,
  loose: RegExp,
  anchored: RegExp,
  unicode: boolean,
  lead?: Lead,
): RegExpExecArray | null {
  let at = from;
  // The first start not tried yet: runs before neighbouring candidates overlap.
  let untried = from;
  while (at <= text.length) {
    loose.lastIndex = at;
    const candidate = loose.exec(text);
    if (!candidate) return null;
    let start = candidate.index;
    if (lead) {
      while (start > untried && lead.chars.includes(text[start - 1] as string)) start -= 1;
      start = Math.max(untried, start - lead.before);
    }
    for (; start <= candidate.index; start += 1) {
      anchored.lastIndex = start;
      const match = anchored.exec(text);
      if (match) return match;
    }
    at = candidate.index + (unicode && isSurrogatePair(text, candidate.index) ? 2 : 1);
    untried = at;
  }
  return null;
}

/**
 * A RegExp whose exec (and so test, search and replace, which call it) searches as above. Its anchored and
 * loose twins are built when first used: most patterns are never read in a given request.
 */
export class AnchoredRegExp extends RegExp {
  private readonly looseSource: string | undefined;
  private readonly lead: Lead | undefined;
  private loose: RegExp | undefined;
  private anchored: RegExp | undefined;

  // Built-ins that copy a regex (split, matchAll) construct it without `looseSource`: copies search plainly.
  constructor(source: string | RegExp, flags?: string, looseSource?: string, lead?: Lead) {
    super(source, flags);
    this.looseSource = looseSource;
    this.lead = lead;
  }

  override exec(text: string): RegExpExecArray | null {
    if (this.looseSource === undefined || this.sticky) return super.exec(text);
    const flags = this.flags.replace("g", "");
    this.loose ??= new RegExp(this.looseSource, `${flags}g`);
    this.anchored ??= new RegExp(this.source, `${flags}y`);
    // What RegExpBuiltinExec does with lastIndex: read it only when global, and reset it on a miss.
    const match = firstAnchoredMatch(
      text,
      this.global ? this.lastIndex : 0,
      this.loose,
      this.anchored,
      this.unicode,
      this.lead,
    );
    if (this.global) this.lastIndex = match ? this.anchored.lastIndex : 0;
    return match;
  }
}
