import {
  type CSSVariablesResolver,
  createTheme,
  darken,
  defaultVariantColorsResolver,
  type MantineColorsTuple,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core';

/** A calm slate-blue: readable on white, not loud in dense tables. */
const brand: MantineColorsTuple = [
  '#eef3fb',
  '#dce4f3',
  '#b5c7e6',
  '#8ba8d9',
  '#678dce',
  '#517cc8',
  '#4573c6',
  '#3662af',
  '#2d579d',
  '#1f4b8b',
];

/**
 * The one theme of the portal: information-dense (small controls, compact tables), quiet colours,
 * a single accent. Pages never set their own font sizes or colours; they pick from here.
 */
/** A colour's text shade: its darkest, a little darker still (≥ 4.5:1 on white and the grey fills). */
const textShade = (shades: readonly string[]) => darken(shades[9]!, 0.3);

/**
 * Light variants (badges, light buttons, alerts) write their text in the colour's text shade:
 * Mantine's is 4.3:1 on its tint (teal), below WCAG AA; this is ≥ 4.5:1 for every colour of the
 * palette (yellow, the palest, 5.0:1).
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== 'light' && input.variant !== 'filled') return colors;
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  const shades = parsed.isThemeColor && parsed.color ? input.theme.colors[parsed.color] : undefined;
  if (!shades) return colors;
  if (input.variant === 'light') return { ...colors, color: textShade(shades) };
  // Filled (a red Delete button): white text needs 4.5:1, which Mantine's shade 7 of red (3.8:1)
  // or teal (2.9:1) does not give — take the first shade dark enough.
  if (colors.color !== 'var(--mantine-color-white)') return colors;
  const background = filledShade(shades);
  return { ...colors, background, hover: darken(background, 0.1) };
};

/** The WCAG relative luminance of a `#rrggbb` or `rgb(a)(…)` colour. */
function luminance(color: string): number {
  const channels = color.startsWith('#')
    ? [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16))
    : (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
  const [r, g, b] = channels.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The WCAG contrast ratio of two colours (1 to 21; text needs 4.5 for AA). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** The first of a colour's dark shades on which white text reads at ≥ 4.5:1. */
function filledShade(shades: readonly string[]): string {
  const candidates = [shades[7]!, shades[8]!, shades[9]!, darken(shades[9]!, 0.15), darken(shades[9]!, 0.3)];
  return candidates.find((c) => contrastRatio('#ffffff', c) >= 4.5) ?? candidates.at(-1)!;
}

export const theme = createTheme({
  variantColorResolver,
  primaryColor: 'brand',
  primaryShade: { light: 7, dark: 5 },
  colors: { brand },
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  defaultRadius: 'sm',
  cursorType: 'pointer',
  fontSizes: { xs: '0.75rem', sm: '0.8125rem', md: '0.875rem', lg: '1rem', xl: '1.125rem' },
  headings: {
    fontWeight: '600',
    sizes: {
      h1: { fontSize: '1.375rem', lineHeight: '1.3' },
      h2: { fontSize: '1.125rem', lineHeight: '1.35' },
      h3: { fontSize: '1rem', lineHeight: '1.4' },
      h4: { fontSize: '0.875rem', lineHeight: '1.45' },
    },
  },
  components: {
    Button: { defaultProps: { size: 'sm' } },
    TextInput: { defaultProps: { size: 'sm' } },
    // The show-password eye is reachable by Tab (Mantine takes it out of the tab order).
    PasswordInput: {
      defaultProps: {
        size: 'sm',
        visibilityToggleButtonProps: { tabIndex: 0, 'aria-label': 'Show or hide the password' },
      },
    },
    Textarea: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { size: 'sm' } },
    Badge: {
      defaultProps: { variant: 'light', radius: 'sm' },
      styles: { root: { textTransform: 'none', fontWeight: 600 } },
    },
    Card: { defaultProps: { withBorder: true, radius: 'md', padding: 'md' } },
    Paper: { defaultProps: { radius: 'md' } },
    // The × is named: a screen reader says "Close", not "button".
    Modal: { defaultProps: { centered: true, radius: 'md', closeButtonProps: { 'aria-label': 'Close' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    // Focus goes to the first item (arrow keys), never to a placeholder inside role="menu" (axe).
    Menu: { defaultProps: { withInitialFocusPlaceholder: false } },
    Tooltip: { defaultProps: { openDelay: 300 } },
  },
});

/**
 * Secondary ("dimmed") text: Mantine's grey (#868e96) is 3.3:1 on white and 3.15:1 on the page
 * background, below WCAG AA's 4.5:1. This one is 5.7:1 on white and 4.8:1 on the darkest grey fill.
 * One token: every dimmed text in the portal takes it.
 */
export const DIMMED_TEXT = '#5f6770';

/**
 * Coloured text (`c="red"`, an error under a field) takes the colour's text shade: Mantine's is the
 * filled shade, 3.3:1 for red on white.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': DIMMED_TEXT,
    '--mantine-color-error': textShade(t.colors.red),
    ...Object.fromEntries(
      Object.entries(t.colors).map(([name, shades]) => [`--mantine-color-${name}-text`, textShade(shades)]),
    ),
  },
  dark: {},
});
