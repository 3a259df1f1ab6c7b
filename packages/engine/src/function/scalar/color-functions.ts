import type { OpaqueValue, SqlValue } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { scalarFunction } from '../function-definition.js';
import { invalidArgument } from '../errors.js';

/**
 * COLOR values: an RGB color (0xRRGGBB) or one of the eight ANSI system colors, rendered with
 * ANSI escape sequences as Trino's `bar` and `render` do.
 */
export interface ColorState {
  readonly rgb: number | undefined;
  readonly system: number | undefined;
}

const SYSTEM_COLORS = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];
const SYSTEM_RGB = [0x000000, 0xff0000, 0x00ff00, 0xffff00, 0x0000ff, 0xff00ff, 0x00ffff, 0xffffff];
const ESCAPE = '\u001b[';
const RESET = '\u001b[0m';

function colorValue(state: ColorState): OpaqueValue {
  return { kind: 'opaque', typeName: 'color', state };
}

function colorOf(v: SqlValue): ColorState {
  return (v as OpaqueValue).state as ColorState;
}

function rgbOf(c: ColorState): number {
  return c.rgb ?? SYSTEM_RGB[c.system!]!;
}

export function parseColor(text: string): ColorState {
  const t = text.toLowerCase();
  const system = SYSTEM_COLORS.indexOf(t);
  if (system >= 0) return { rgb: undefined, system };
  let m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(t);
  if (m !== null) return { rgb: parseInt(m[1]! + m[1]! + m[2]! + m[2]! + m[3]! + m[3]!, 16), system: undefined };
  m = /^#([0-9a-f]{6})$/.exec(t);
  if (m !== null) return { rgb: parseInt(m[1]!, 16), system: undefined };
  throw invalidArgument(`Invalid color: '${text}'`);
}

/** The xterm 256-color index nearest an RGB color (the 6x6x6 cube). */
function ansi256(rgb: number): number {
  const r = (rgb >> 16) & 0xff;
  const g = (rgb >> 8) & 0xff;
  const b = rgb & 0xff;
  return 16 + 36 * Math.floor((r * 6) / 256) + 6 * Math.floor((g * 6) / 256) + Math.floor((b * 6) / 256);
}

function escapeFor(c: ColorState): string {
  return c.system !== undefined ? `${ESCAPE}${30 + c.system}m` : `${ESCAPE}38;5;${ansi256(c.rgb!)}m`;
}

function rgbToHsb(rgb: number): [number, number, number] {
  const r = (rgb >> 16) & 0xff;
  const g = (rgb >> 8) & 0xff;
  const b = rgb & 0xff;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const brightness = max / 255;
  const saturation = max !== 0 ? (max - min) / max : 0;
  if (saturation === 0) return [0, saturation, brightness];
  const rc = (max - r) / (max - min);
  const gc = (max - g) / (max - min);
  const bc = (max - b) / (max - min);
  let hue = r === max ? bc - gc : g === max ? 2 + rc - bc : 4 + gc - rc;
  hue /= 6;
  if (hue < 0) hue += 1;
  return [hue, saturation, brightness];
}

function hsbToRgb(hue: number, saturation: number, brightness: number): number {
  const to = (x: number): number => Math.trunc(x * 255 + 0.5);
  if (saturation === 0) {
    const v = to(brightness);
    return (v << 16) | (v << 8) | v;
  }
  const h = (hue - Math.floor(hue)) * 6;
  const f = h - Math.floor(h);
  const p = brightness * (1 - saturation);
  const q = brightness * (1 - saturation * f);
  const t = brightness * (1 - saturation * (1 - f));
  const sector = Math.trunc(h);
  const [r, g, b] = sector === 0 ? [brightness, t, p] : sector === 1 ? [q, brightness, p] : sector === 2 ? [p, brightness, t]
    : sector === 3 ? [p, q, brightness] : sector === 4 ? [t, p, brightness] : [brightness, p, q];
  return (to(r) << 16) | (to(g) << 8) | to(b);
}

/** Interpolates between two colors in HSB space; fraction in [0, 1]. */
function interpolate(fraction: number, low: number, high: number): number {
  const a = rgbToHsb(low);
  const b = rgbToHsb(high);
  return hsbToRgb(a[0] + (b[0] - a[0]) * fraction, a[1] + (b[1] - a[1]) * fraction, a[2] + (b[2] - a[2]) * fraction);
}

function bar(x: number, width: number, low: ColorState, high: ColorState): string {
  if (!(x >= 0 && x <= 1)) throw invalidArgument('percent must be between 0 and 1');
  if (width <= 0) throw invalidArgument('width must be greater than 0');
  const count = Math.trunc(x * width);
  let out = '';
  for (let i = 0; i < count; i++) {
    const fraction = width === 1 ? 0 : i / (width - 1);
    out += `${ESCAPE}38;5;${ansi256(interpolate(fraction, rgbOf(low), rgbOf(high)))}m\u2588`;
  }
  out += RESET;
  return out + ' '.repeat(Math.max(0, width - count));
}

const RED: ColorState = { rgb: 0xff0000, system: undefined };
const GREEN: ColorState = { rgb: 0x00ff00, system: undefined };

function checkComponent(name: string, v: number): number {
  if (v < 0 || v > 255) throw invalidArgument(`${name} must be between 0 and 255`);
  return v;
}

export function colorFunctions(): FunctionDefinition[] {
  return [
    scalarFunction({ name: 'color', args: ['varchar(x)'], returns: 'color', description: 'Parses a CSS-style color (#rgb, #rrggbb) or an ANSI color name', impl: (s) => colorValue(parseColor(s as string)) }),
    scalarFunction({
      name: 'rgb', args: ['bigint', 'bigint', 'bigint'], returns: 'color', description: 'Returns the color of the given red, green and blue components (0 to 255)',
      impl: (r, g, b) => colorValue({ rgb: (checkComponent('red', Number(r)) << 16) | (checkComponent('green', Number(g)) << 8) | checkComponent('blue', Number(b)), system: undefined }),
    }),
    scalarFunction({
      name: 'color', args: ['double', 'color', 'color'], returns: 'color', description: 'Returns the color interpolated between low and high at the given fraction (0 to 1)',
      impl: (f, low, high) => colorValue({ rgb: interpolate(Math.min(1, Math.max(0, f as number)), rgbOf(colorOf(low)), rgbOf(colorOf(high))), system: undefined }),
    }),
    scalarFunction({
      name: 'color', args: ['double', 'double', 'double', 'color', 'color'], returns: 'color', description: 'Returns the color interpolated between low and high colors for x between low and high values',
      impl: (x, lo, hi, low, high) => {
        const fraction = ((x as number) - (lo as number)) / ((hi as number) - (lo as number));
        return colorValue({ rgb: interpolate(Math.min(1, Math.max(0, fraction)), rgbOf(colorOf(low)), rgbOf(colorOf(high))), system: undefined });
      },
    }),
    scalarFunction({ name: 'render', args: ['varchar(x)', 'color'], returns: 'varchar', description: 'Renders the text in the given color with ANSI escape codes', impl: (s, c) => `${escapeFor(colorOf(c))}${s as string}${RESET}` }),
    scalarFunction({ name: 'render', args: ['bigint', 'color'], returns: 'varchar', description: 'Renders the number in the given color with ANSI escape codes', impl: (s, c) => `${escapeFor(colorOf(c))}${String(s)}${RESET}` }),
    scalarFunction({ name: 'render', args: ['double', 'color'], returns: 'varchar', description: 'Renders the number in the given color with ANSI escape codes', impl: (s, c) => `${escapeFor(colorOf(c))}${String(s)}${RESET}` }),
    scalarFunction({ name: 'render', args: ['boolean'], returns: 'varchar', description: 'Renders a boolean as a green check mark or a red cross', impl: (b) => (b === true ? `${ESCAPE}32m\u2714${RESET}` : `${ESCAPE}31m\u2718${RESET}`) }),
    scalarFunction({ name: 'bar', args: ['double', 'bigint'], returns: 'varchar', description: 'Renders a bar of the given width filled to fraction x, from red to green', impl: (x, w) => bar(x as number, Number(w), RED, GREEN) }),
    scalarFunction({
      name: 'bar', args: ['double', 'bigint', 'color', 'color'], returns: 'varchar', description: 'Renders a bar of the given width filled to fraction x, from the low to the high color',
      impl: (x, w, low, high) => bar(x as number, Number(w), colorOf(low), colorOf(high)),
    }),
  ];
}
