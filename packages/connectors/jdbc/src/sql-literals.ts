/** Helpers for rendering values as SQL literal text. */

/** `12345n` at scale 2 as `123.45`. */
export function formatDecimal(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${text}` : text;
}

/** A double as SQL text with exact round trip (`1.0E-5` style). */
export function formatDouble(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return `${value}E0`;
  const s = String(value);
  return s.includes('e') ? s.replace('e', 'E') : `${s}E0`;
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
