// Mantine theme: a calm teal-blue primary and colour overrides chosen so that text, badges and
// alerts keep at least WCAG AA contrast (4.5:1) in both colour schemes.
import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

const brand: MantineColorsTuple = [
  '#e3f6f6',
  '#c4e9ea',
  '#98d6d9',
  '#67c0c5',
  '#3fadb4',
  '#239ea6',
  '#138f98',
  '#0b7a83',
  '#086770',
  '#05545c',
];

export const theme = createTheme({
  primaryColor: 'brand',
  // Shade 7 carries white text at 5.1:1 in light mode, shade 8 at 6.6:1 in dark mode.
  primaryShade: { light: 7, dark: 8 },
  colors: { brand },
  autoContrast: true,
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: '650' },
});

// Mantine's defaults put dimmed text, field errors and the yellow and green "light" variants
// below 4.5:1.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-anchor': 'var(--mantine-color-brand-8)',
    '--mantine-color-green-light-color': '#1e6b30',
    '--mantine-color-yellow-light-color': '#8a4b00',
    '--mantine-color-red-light-color': '#a61e1e',
    '--mantine-color-brand-light-color': 'var(--mantine-color-brand-9)',
    '--app-focus-ring': 'var(--mantine-color-brand-7)',
    '--app-page-background': 'var(--mantine-color-gray-0)',
  },
  dark: {
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-error': 'var(--mantine-color-red-4)',
    '--mantine-color-anchor': 'var(--mantine-color-brand-3)',
    '--app-focus-ring': 'var(--mantine-color-brand-3)',
    '--app-page-background': 'var(--mantine-color-dark-8)',
  },
});
