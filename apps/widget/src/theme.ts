// Picks a text colour on the accent that keeps WCAG AA contrast, whatever accent the site or admin chose.
const DARK = "#111827";
const LIGHT = "#ffffff";

function luminance([r, g, b]: number[]): number {
  const [lr, lg, lb] = [r, g, b].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
}

/** `rgb` is a computed colour string such as "rgb(31, 95, 191)". */
export function textOnAccent(rgb: string): string {
  const channels = rgb.match(/\d+(\.\d+)?/g)?.slice(0, 3).map(Number);
  if (!channels || channels.length < 3) return LIGHT;
  const l = luminance(channels);
  const onLight = (l + 0.05) / (luminance([17, 24, 39]) + 0.05);
  const onDark = 1.05 / (l + 0.05);
  return onDark >= onLight ? LIGHT : DARK;
}
