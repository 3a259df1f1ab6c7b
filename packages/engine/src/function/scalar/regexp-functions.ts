import type { LambdaValue, SqlValue } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { scalarFunction, withParameterDisplay } from '../function-definition.js';
import { invalidArgument } from '../errors.js';
import { allMatches, compileJavaRegex, groupCount, javaReplacement } from './regexp-support.js';
import { codePointIndexOf, codePointCount, codePointSlice } from './string-support.js';

const s = (v: SqlValue): string => v as string;

function checkGroup(re: RegExp, group: number): void {
  const count = groupCount(re);
  if (group < 0 || group > count) throw invalidArgument(`Pattern has ${count} groups. Cannot access group ${group}`);
}

export function regexpFunctions(): FunctionDefinition[] {
  // Trino binds the pattern to its internal regular expression type, listed as `joniregexp`
  return regexpDefinitions().map((d) => {
    if (d.signature.parameterText[1] !== 'varchar(y)') return d;
    const shown = withParameterDisplay(d, 1, 'joniregexp');
    return shown.signature.parameterText[2] === 'varchar(z)' ? withParameterDisplay(shown, 2, 'varchar(y)') : shown;
  });
}

function regexpDefinitions(): FunctionDefinition[] {
  return [
    scalarFunction({
      name: 'regexp_like', args: ['varchar(x)', 'varchar(y)'], returns: 'boolean', description: 'Returns whether the pattern is contained within the string',
      impl: (str, p) => compileJavaRegex(s(p)).test(s(str)),
    }),
    scalarFunction({
      name: 'regexp_count', args: ['varchar(x)', 'varchar(y)'], returns: 'bigint', description: 'Returns the number of times that a pattern occurs in a string',
      impl: (str, p) => {
        let n = 0;
        for (const _ of allMatches(compileJavaRegex(s(p)), s(str))) n++;
        return n;
      },
    }),
    scalarFunction({
      name: 'regexp_extract', args: ['varchar(x)', 'varchar(y)'], returns: 'varchar(x)', description: 'String extracted using the given pattern',
      impl: (str, p) => {
        const m = compileJavaRegex(s(p)).exec(s(str));
        return m === null ? null : m[0];
      },
    }),
    scalarFunction({
      name: 'regexp_extract', args: ['varchar(x)', 'varchar(y)', 'bigint'], returns: 'varchar(x)', description: 'Returns regex group of extracted string with a pattern',
      impl: (str, p, g) => {
        const re = compileJavaRegex(s(p));
        checkGroup(re, Number(g));
        const m = re.exec(s(str));
        return m === null ? null : (m[Number(g)] ?? null);
      },
    }),
    scalarFunction({
      name: 'regexp_extract_all', args: ['varchar(x)', 'varchar(y)'], returns: 'array(varchar(x))', description: 'String(s) extracted using the given pattern',
      impl: (str, p) => [...allMatches(compileJavaRegex(s(p)), s(str))].map((m) => m[0]),
    }),
    scalarFunction({
      name: 'regexp_extract_all', args: ['varchar(x)', 'varchar(y)', 'bigint'], returns: 'array(varchar(x))', description: 'Group(s) extracted using the given pattern',
      impl: (str, p, g) => {
        const re = compileJavaRegex(s(p));
        checkGroup(re, Number(g));
        return [...allMatches(re, s(str))].map((m) => m[Number(g)] ?? null);
      },
    }),
    ...[2, 3, 4].map((arity) =>
      scalarFunction({
        name: 'regexp_position', args: ['varchar(x)', 'varchar(y)', 'bigint', 'bigint'].slice(0, arity), returns: 'integer',
        description: 'Returns the index of the matched substring',
        impl: (str, p, st, occ) => {
          const text = s(str);
          const start = st === undefined ? 1 : Number(st);
          const occurrence = occ === undefined ? 1 : Number(occ);
          if (start < 1) throw invalidArgument('start position cannot be smaller than 1');
          if (occurrence < 1) throw invalidArgument('occurrence cannot be smaller than 1');
          if (start > codePointCount(text)) return -1;
          const offset = codePointSlice(text, 0, start - 1).length;
          const re = compileJavaRegex(s(p));
          let n = 0;
          for (const m of allMatches(re, text.slice(offset))) {
            if (++n === occurrence) return codePointIndexOf(text, m.index + offset) + 1;
          }
          return -1;
        },
      }),
    ),
    scalarFunction({
      name: 'regexp_replace', args: ['varchar(x)', 'varchar(y)'], returns: 'varchar(x)', description: 'Removes substrings matching a regular expression',
      impl: (str, p) => s(str).replace(compileJavaRegex(s(p)), ''),
    }),
    scalarFunction({
      name: 'regexp_replace', args: ['varchar(x)', 'varchar(y)', 'varchar(z)'], returns: 'varchar', returnText: 'varchar(z)', description: 'Replaces substrings matching a regular expression by given string',
      impl: (str, p, r) => {
        const re = compileJavaRegex(s(p));
        const rep = javaReplacement(s(r));
        const text = s(str);
        let out = '';
        let last = 0;
        for (const m of allMatches(re, text)) {
          out += text.slice(last, m.index) + rep(m);
          last = m.index + m[0].length;
        }
        return out + text.slice(last);
      },
    }),
    scalarFunction({
      name: 'regexp_replace', args: ['varchar(x)', 'varchar(y)', 'function(array(varchar),varchar(z))'], returns: 'varchar', description: 'Replaces substrings matching a regular expression using a lambda function',
      impl: (str, p, f) => {
        const re = compileJavaRegex(s(p));
        const text = s(str);
        let out = '';
        let last = 0;
        for (const m of allMatches(re, text)) {
          const r = (f as LambdaValue)(m.slice(1).map((g) => g ?? null));
          out += text.slice(last, m.index) + (r === null ? '' : (r as string));
          last = m.index + m[0].length;
        }
        return out + text.slice(last);
      },
    }),
    scalarFunction({
      name: 'regexp_split', args: ['varchar(x)', 'varchar(y)'], returns: 'array(varchar(x))', description: 'Returns array of strings split by pattern',
      impl: (str, p) => {
        const text = s(str);
        const out: string[] = [];
        let last = 0;
        for (const m of allMatches(compileJavaRegex(s(p)), text)) {
          if (m[0].length === 0 && (m.index === 0 || m.index === text.length)) continue;
          out.push(text.slice(last, m.index));
          last = m.index + m[0].length;
        }
        out.push(text.slice(last));
        return out;
      },
    }),
  ];
}
