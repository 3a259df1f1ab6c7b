/** Code-point helpers: SQL string functions count Unicode code points, not UTF-16 units. */

const SURROGATE = /[\uD800-\uDFFF]/;

export function hasSurrogates(s: string): boolean {
  return SURROGATE.test(s);
}

export function codePoints(s: string): string[] {
  return Array.from(s);
}

export function codePointCount(s: string): number {
  if (!hasSurrogates(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Substring by code point offsets [start, end). */
export function codePointSlice(s: string, start: number, end?: number): string {
  if (!hasSurrogates(s)) return s.slice(start, end);
  return Array.from(s).slice(start, end).join('');
}

/** Code point index (0-based) of a UTF-16 index. */
export function codePointIndexOf(s: string, utf16Index: number): number {
  if (!hasSurrogates(s)) return utf16Index;
  return codePointCount(s.slice(0, utf16Index));
}

/** java.lang.Character.isWhitespace. */
export function isJavaWhitespace(cp: number): boolean {
  if (cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x1f)) return true;
  if (cp === 0xa0 || cp === 0x2007 || cp === 0x202f) return false;
  return cp === 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x205f || cp === 0x3000;
}

export function trimWith(s: string, left: boolean, right: boolean, isTrimmed: (cp: number) => boolean): string {
  const cps = hasSurrogates(s) ? Array.from(s) : undefined;
  if (cps === undefined) {
    let a = 0;
    let b = s.length;
    if (left) while (a < b && isTrimmed(s.charCodeAt(a))) a++;
    if (right) while (b > a && isTrimmed(s.charCodeAt(b - 1))) b--;
    return s.slice(a, b);
  }
  let a = 0;
  let b = cps.length;
  if (left) while (a < b && isTrimmed(cps[a]!.codePointAt(0)!)) a++;
  if (right) while (b > a && isTrimmed(cps[b - 1]!.codePointAt(0)!)) b--;
  return cps.slice(a, b).join('');
}

const encoder = new TextEncoder();
export function utf8Encode(s: string): Uint8Array {
  return encoder.encode(s);
}
const decoder = new TextDecoder('utf-8', { fatal: false });
export function utf8Decode(b: Uint8Array): string {
  return decoder.decode(b);
}
