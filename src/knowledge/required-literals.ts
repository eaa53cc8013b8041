/**
 * Required literals of a cue pattern: a short list of plain strings such that every match of the
 * pattern contains at least one of them. A text containing none of them cannot match, so the
 * classifier tests the list with `String.prototype.includes` before it runs the pattern, and skips
 * most patterns on most texts without running them.
 *
 * The reading is conservative: whatever it does not understand (a back-reference, a flag other
 * than `u`, `g` or `y`) gives no list, and the pattern then always runs.
 */

/** Strings shorter than this filter too little to be worth checking. */
const MIN_LITERAL = 3;
/** More alternatives than this cost more to check than the pattern itself. */
const MAX_LITERALS = 12;

// Any-of set of strings a piece of the pattern requires; null when it requires nothing we can name.
type Need = string[] | null;

/** Returns strings one of which every match of `regex` contains, or null when no useful list can be read. */
export function requiredLiterals(regex: RegExp): string[] | null {
  if (/[^guy]/.test(regex.flags)) return null;
  try {
    const reader = new Reader(regex.source);
    const need = reader.alternation();
    if (reader.pos !== regex.source.length) return null;
    if (!need || need.length === 0 || need.length > MAX_LITERALS || need.some((s) => s.length < MIN_LITERAL)) return null;
    return [...new Set(need)];
  } catch {
    return null;
  }
}

class Reader {
  pos = 0;
  constructor(private readonly src: string) {}

  // alternation := sequence ('|' sequence)*; every branch must name something, or the whole names nothing.
  alternation(): Need {
    const branches: Need[] = [this.sequence()];
    while (this.src[this.pos] === '|') {
      this.pos++;
      branches.push(this.sequence());
    }
    if (branches.some((b) => b === null)) return null;
    return branches.flat() as string[];
  }

  // sequence := (atom quantifier?)*; literal characters in a row form one required string, and the
  // best requirement of the sequence (longest shortest string, then fewest strings) is kept.
  sequence(): Need {
    const options: string[][] = [];
    let run = '';
    const endRun = () => {
      if (run) options.push([run]);
      run = '';
    };
    while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
      const atom = this.atom();
      const q = this.quantifier();
      if (atom.kind === 'assertion') continue; // zero-width: the characters around it stay adjacent
      if (atom.kind === 'char' && q === 'none') {
        run += atom.char;
        continue;
      }
      endRun();
      if (q !== 'optional' && atom.kind === 'group' && atom.need) options.push(atom.need);
    }
    endRun();
    let best: string[] | null = null;
    for (const option of options) if (best === null || better(option, best)) best = option;
    return best;
  }

  atom(): { kind: 'char'; char: string } | { kind: 'group'; need: Need } | { kind: 'other' } | { kind: 'assertion' } {
    const c = this.src[this.pos]!;
    if (c === '(') return this.group();
    if (c === '[') {
      this.skipClass();
      return { kind: 'other' };
    }
    if (c === '^' || c === '$') {
      this.pos++;
      return { kind: 'assertion' };
    }
    if (c === '.') {
      this.pos++;
      return { kind: 'other' };
    }
    if (c === '\\') return this.escape();
    if ('*+?{}'.includes(c)) throw new Error('quantifier without an atom');
    const char = String.fromCodePoint(this.src.codePointAt(this.pos)!);
    this.pos += char.length;
    return { kind: 'char', char };
  }

  group(): { kind: 'group'; need: Need } | { kind: 'assertion' } {
    this.pos++; // (
    let assertion = false;
    if (this.src.startsWith('?:', this.pos)) this.pos += 2;
    else if (/^\?<?[=!]/.test(this.src.slice(this.pos, this.pos + 3))) {
      this.pos += this.src[this.pos + 1] === '<' ? 3 : 2;
      assertion = true;
    } else if (this.src.startsWith('?<', this.pos)) {
      const close = this.src.indexOf('>', this.pos);
      if (close < 0) throw new Error('unterminated group name');
      this.pos = close + 1;
    } else if (this.src[this.pos] === '?') throw new Error('unknown group');
    const need = this.alternation();
    if (this.src[this.pos] !== ')') throw new Error('unterminated group');
    this.pos++;
    return assertion ? { kind: 'assertion' } : { kind: 'group', need };
  }

  escape(): { kind: 'char'; char: string } | { kind: 'other' } | { kind: 'assertion' } {
    const next = this.src[this.pos + 1];
    if (next === undefined) throw new Error('trailing backslash');
    if (next === 'b' || next === 'B') {
      this.pos += 2;
      return { kind: 'assertion' };
    }
    if (next === 'p' || next === 'P') {
      const close = this.src.indexOf('}', this.pos);
      if (this.src[this.pos + 2] !== '{' || close < 0) throw new Error('bad property escape');
      this.pos = close + 1;
      return { kind: 'other' };
    }
    if (/[dDwWsS]/.test(next)) {
      this.pos += 2;
      return { kind: 'other' };
    }
    if (/[1-9k]/.test(next)) throw new Error('back-reference');
    if (/[A-Za-z0-9]/.test(next)) {
      // \n, \t, \uXXXX, \u{...}, \xHH, \cX, \0: read them as "some character" rather than decode them.
      this.pos += 2;
      if (next === 'u' && this.src[this.pos] === '{') this.pos = this.src.indexOf('}', this.pos) + 1;
      else if (next === 'u') this.pos += 4;
      else if (next === 'x') this.pos += 2;
      else if (next === 'c') this.pos += 1;
      return { kind: 'other' };
    }
    this.pos += 2;
    return { kind: 'char', char: next };
  }

  skipClass(): void {
    this.pos++; // [
    while (this.pos < this.src.length && this.src[this.pos] !== ']') this.pos += this.src[this.pos] === '\\' ? 2 : 1;
    if (this.src[this.pos] !== ']') throw new Error('unterminated class');
    this.pos++;
  }

  // Reads the quantifier after an atom: none, one that may skip the atom, or one that repeats it at least once.
  quantifier(): 'none' | 'optional' | 'required' {
    const c = this.src[this.pos];
    let q: 'optional' | 'required';
    if (c === '*' || c === '?') {
      q = 'optional';
      this.pos++;
    } else if (c === '+') {
      q = 'required';
      this.pos++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,\d*)?\}/.exec(this.src.slice(this.pos));
      if (!m) throw new Error('bad quantifier');
      q = Number(m[1]) === 0 ? 'optional' : 'required';
      this.pos += m[0].length;
    } else {
      return 'none';
    }
    if (this.src[this.pos] === '?') this.pos++; // lazy
    return q;
  }
}

// A requirement is better when its shortest string is longer, then when it has fewer strings.
function better(a: readonly string[], b: readonly string[]): boolean {
  const shortest = (x: readonly string[]) => Math.min(...x.map((s) => s.length));
  if (shortest(a) !== shortest(b)) return shortest(a) > shortest(b);
  return a.length < b.length;
}
