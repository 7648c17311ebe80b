/** A short display name: printable, one line, trimmed, at most SHORT_NAME_MAX characters. */
export const SHORT_NAME_MAX = 16;

export function sanitizeShortName(raw: string): string {
  const clean = raw
    .replace(/[\p{C}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  return Array.from(clean).slice(0, SHORT_NAME_MAX).join('').trim();
}
