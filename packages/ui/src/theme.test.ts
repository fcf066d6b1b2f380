import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrastRatio, cssVariablesResolver, DIMMED_TEXT, theme } from './theme.ts';

const full = mergeMantineTheme(DEFAULT_THEME, theme);

const colours = ['red', 'teal', 'green', 'orange', 'yellow', 'blue', 'indigo', 'gray', 'brand'];
const resolve = (variant: string, color: string) =>
  full.variantColorResolver({ color, theme: full, variant, gradient: undefined });

describe('contrastRatio', () => {
  it('gives the WCAG ratios of known pairs', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // Mantine's grey that failed the audit: 3.32:1 on white.
    expect(contrastRatio('#868e96', 'rgb(255, 255, 255)')).toBeCloseTo(3.32, 2);
  });
});

describe('the theme meets WCAG AA contrast (4.5:1) for text', () => {
  it('dimmed text on white and on the page greys', () => {
    for (const background of ['#ffffff', full.colors.gray[0], full.colors.gray[1]])
      expect(contrastRatio(DIMMED_TEXT, background)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(colours)('light %s badges and buttons: their text on their tint and on white', (color) => {
    const { color: text } = resolve('light', color);
    for (const background of [full.colors[color]![0], full.colors[color]![1], '#ffffff'])
      expect(contrastRatio(text, background!)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(colours.filter((c) => c !== 'yellow'))('filled %s buttons: white text on them', (color) => {
    const { background } = resolve('filled', color);
    expect(contrastRatio('#ffffff', background)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(colours)('coloured text (c="%s") on white and the page greys', (color) => {
    const vars = cssVariablesResolver(full).light as Record<string, string>;
    for (const background of ['#ffffff', full.colors.gray[0], full.colors.gray[1]])
      expect(contrastRatio(vars[`--mantine-color-${color}-text`]!, background!)).toBeGreaterThanOrEqual(4.5);
  });
});
