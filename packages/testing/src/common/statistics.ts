/** Percent with one decimal, `n/a` when nothing was counted. */
export function percent(part: number, whole: number): string {
  if (whole === 0) return 'n/a';
  return `${((100 * part) / whole).toFixed(1)}%`;
}

/** Shortens text for one-line reports. */
export function abbreviate(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 3)}...`;
}
