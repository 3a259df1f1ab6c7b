import { createHash } from 'node:crypto';

/** Lowercase hex MD5 of UTF-8 text. */
export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}
