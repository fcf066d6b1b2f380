import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { cssVariablesResolver, DIMMED_TEXT, theme } from './theme.ts';

const full = mergeMantineTheme(DEFAULT_THEME, theme);

/** WCAG contrast of two colours given as #rrggbb or rgb(a)(…). */
function contrast(a: string, b: string): number {
  const lum = (color: string) => {
    const channels = color.startsWith('#')
      ? [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16))
      : (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
    const [r, g, bl] = channels.map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

const colours = ['red', 'teal', 'green', 'orange', 'yellow', 'blue', 'indigo', 'gray', 'brand'];
const resolve = (variant: string, color: string) =>
  full.variantColorResolver({ color, theme: full, variant, gradient: undefined });

describe('the theme meets WCAG AA contrast (4.5:1) for text', () => {
  it('dimmed text on white and on the page greys', () => {
    for (const background of ['#ffffff', full.colors.gray[0], full.colors.gray[1]])
      expect(contrast(DIMMED_TEXT, background)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(colours)('light %s badges and buttons: their text on their tint and on white', (color) => {
    const { color: text } = resolve('light', color);
    for (const background of [full.colors[color]![0], full.colors[color]![1], '#ffffff'])
      expect(contrast(text, background!)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(colours.filter((c) => c !== 'yellow'))('filled %s buttons: white text on them', (color) => {
    const { background } = resolve('filled', color);
    expect(contrast('#ffffff', background)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(colours)('coloured text (c="%s") on white and the page greys', (color) => {
    const vars = cssVariablesResolver(full).light as Record<string, string>;
    for (const background of ['#ffffff', full.colors.gray[0], full.colors.gray[1]])
      expect(contrast(vars[`--mantine-color-${color}-text`]!, background!)).toBeGreaterThanOrEqual(4.5);
  });
});
