/**
 * WCAG 2.x contrast: relative luminance of sRGB colours and the ratio between two of them.
 * Text on a background needs at least 4.5:1 (level AA for normal text).
 */
export const WCAG_AA_NORMAL_TEXT = 4.5;

const channel = (value: number): number => {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** `#rgb` or `#rrggbb` → `#rrggbb`, lower-cased. */
export const normalizeHex = (hex: string): string => {
  const h = hex.trim().toLowerCase();
  return h.length === 4 ? `#${h[1]}${h[1]}${h[2]}${h[2]}${h[3]}${h[3]}` : h;
};

export const relativeLuminance = (hex: string): number => {
  const h = normalizeHex(hex);
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
};

export const contrastRatio = (a: string, b: string): number => {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};
