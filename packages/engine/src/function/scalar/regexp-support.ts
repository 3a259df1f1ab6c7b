import { invalidArgument } from '../errors.js';

/**
 * Java (joni) regular expressions translated to JavaScript RegExp with the `u` flag.
 * Handled: leading inline flags `(?i)(?s)(?m)(?x)`, `\Q...\E`, `\A`, `\z`, `\Z`, `\h`, POSIX and Java
 * character classes `\p{Alpha}` ..., possessive quantifiers (treated as greedy), atomic groups (as
 * plain groups). Not handled: inline flags in the middle of a pattern, lookbehind differences.
 */
const cache = new Map<string, RegExp>();

const CLASS_MAP: Record<string, string> = {
  Lower: '\\p{Ll}', Upper: '\\p{Lu}', ASCII: '\\x00-\\x7F', Alpha: '\\p{L}', Digit: '0-9', Alnum: '\\p{L}0-9', Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~', Print: ' -~', Blank: ' \\t', Cntrl: '\\x00-\\x1F\\x7F', XDigit: '0-9a-fA-F', Space: ' \\t\\n\\x0B\\f\\r',
  javaLowerCase: '\\p{Ll}', javaUpperCase: '\\p{Lu}', javaWhitespace: '\\s', javaMirrored: '\\p{Bidi_M}',
  IsAlphabetic: '\\p{Alphabetic}', IsLetter: '\\p{L}', IsDigit: '\\p{Nd}', IsUppercase: '\\p{Uppercase}', IsLowercase: '\\p{Lowercase}',
  IsWhite_Space: '\\p{White_Space}', IsPunctuation: '\\p{P}',
};

function escapeLiteral(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export function translateJavaRegex(pattern: string): { source: string; flags: string } {
  let flags = 'u';
  let p = pattern;
  for (;;) {
    const m = /^\(\?([imsxU]+)\)/.exec(p);
    if (m === null) break;
    for (const f of m[1]!) {
      if (f === 'i' && !flags.includes('i')) flags += 'i';
      if (f === 's' && !flags.includes('s')) flags += 's';
      if (f === 'm' && !flags.includes('m')) flags += 'm';
    }
    p = p.slice(m[0].length);
  }
  let out = '';
  let inClass = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      const n = p[i + 1];
      if (n === undefined) throw invalidArgument(`Invalid regular expression: ${pattern}`);
      if (n === 'Q') {
        const end = p.indexOf('\\E', i + 2);
        const lit = end < 0 ? p.slice(i + 2) : p.slice(i + 2, end);
        out += escapeLiteral(lit);
        i = end < 0 ? p.length : end + 1;
        continue;
      }
      if (n === 'A') {
        out += '^';
        i++;
        continue;
      }
      if (n === 'z' || n === 'Z') {
        out += n === 'Z' ? '(?=\\n?$)' : '$';
        i++;
        continue;
      }
      if (n === 'h') {
        out += inClass > 0 ? ' \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000' : '[ \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000]';
        i++;
        continue;
      }
      if ((n === 'p' || n === 'P') && p[i + 2] === '{') {
        const end = p.indexOf('}', i + 3);
        const raw = p.slice(i + 3, end);
        const mapped = CLASS_MAP[raw] ?? CLASS_MAP[raw.replace(/^Is/, '')];
        if (mapped !== undefined) {
          if (inClass > 0) {
            if (n === 'P') throw invalidArgument(`Unsupported regular expression construct: ${p.slice(i, end + 1)}`);
            out += mapped;
          } else out += `${n === 'P' ? '[^' : '['}${mapped}]`;
        } else {
          out += `\\${n}{${/^(In|Is)[A-Z][a-z]/.test(raw) ? `Script=${raw.slice(2)}` : raw}}`;
        }
        i = end;
        continue;
      }
      out += c + n;
      i++;
      continue;
    }
    if (c === '[') {
      inClass++;
      out += c;
      // a leading ']' or '^]' is literal in Java
      if (p[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (p[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === ']' && inClass > 0) {
      inClass--;
      out += c;
      continue;
    }
    if (inClass > 0) {
      if (c === '[') {
        out += '\\[';
        continue;
      }
      out += c;
      continue;
    }
    if (c === '(' && p[i + 1] === '?' && p[i + 2] === '>') {
      out += '(?:';
      i += 2;
      continue;
    }
    if (c === '+' && i > 0 && /[*+?}]/.test(p[i - 1]!) && p[i - 2] !== '\\') {
      continue; // possessive quantifier: treated as greedy
    }
    out += c;
  }
  return { source: out, flags };
}

export function compileJavaRegex(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (re === undefined) {
    const { source, flags } = translateJavaRegex(pattern);
    try {
      re = new RegExp(source, flags + 'g');
    } catch (e) {
      throw invalidArgument(`Invalid regular expression: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (cache.size > 5000) cache.clear();
    cache.set(pattern, re);
  }
  re.lastIndex = 0;
  return re;
}

/** Java replacement syntax (`$1`, `${name}`, `\$`) to a function producing the replacement. */
export function javaReplacement(replacement: string): (match: RegExpExecArray) => string {
  const parts: (string | number | { name: string })[] = [];
  let lit = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === '\\') {
      lit += replacement[i + 1] ?? '';
      i++;
    } else if (c === '$') {
      if (replacement[i + 1] === '{') {
        const end = replacement.indexOf('}', i);
        if (end < 0) throw invalidArgument("named capturing group is missing trailing '}'");
        parts.push(lit, { name: replacement.slice(i + 2, end) });
        lit = '';
        i = end;
      } else {
        const m = /^\d+/.exec(replacement.slice(i + 1));
        if (m === null) throw invalidArgument('Illegal group reference');
        parts.push(lit, Number(m[0]));
        lit = '';
        i += m[0].length;
      }
    } else lit += c;
  }
  parts.push(lit);
  return (match) => {
    let out = '';
    for (const p of parts) {
      if (typeof p === 'string') out += p;
      else if (typeof p === 'number') {
        let g = p;
        // Java takes as many digits as form a valid group number
        while (g >= match.length && g >= 10) g = Math.floor(g / 10);
        if (g >= match.length) throw invalidArgument(`No group ${p}`);
        out += (match[g] ?? '') + (g !== p ? String(p).slice(String(g).length) : '');
      } else {
        if (match.groups === undefined || !(p.name in match.groups)) throw invalidArgument(`No group with name {${p.name}}`);
        out += match.groups[p.name] ?? '';
      }
    }
    return out;
  };
}

/** All matches, advancing past empty matches by one code point. */
export function* allMatches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (;;) {
    const m = re.exec(text);
    if (m === null) return;
    yield m;
    if (m[0].length === 0) {
      const c = text.codePointAt(re.lastIndex);
      re.lastIndex += c !== undefined && c > 0xffff ? 2 : 1;
      if (re.lastIndex > text.length) return;
    }
  }
}

export function groupCount(re: RegExp): number {
  return new RegExp(`${re.source}|`, re.flags.replace('g', '')).exec('')!.length - 1;
}
