/**
 * Default PCase word separators: the Unicode categories Entra lists (separators/spaces, control, format,
 * and every punctuation and symbol category, so the ASCII apostrophe separates: "john's" → "John'S").
 */
const DEFAULT_SEPARATOR =
  /[\p{Z}\p{Cc}\p{Cf}\p{Pc}\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Po}\p{Sm}\p{Sc}\p{Sk}\p{So}]/u;

/**
 * Upper-cases the first character of each word and lower-cases the rest, all-capital words included
 * ("PABLO GONSALVES (SECOND)" → "Pablo Gonsalves (Second)"). With `separators`, only those characters
 * separate words.
 */
export function properCase(text: string, separators?: string): string {
  const isSeparator =
    separators === undefined
      ? (c: string) => DEFAULT_SEPARATOR.test(c)
      : (c: string) => separators.includes(c);
  let out = "";
  let atWordStart = true;
  for (const c of text) {
    if (isSeparator(c)) {
      out += c;
      atWordStart = true;
    } else {
      out += atWordStart ? upperOne(c) : c.toLowerCase();
      atWordStart = false;
    }
  }
  return out;
}

/** Upper case of one character, kept as is when it has no single-character upper case (ß → "SS"). */
function upperOne(c: string): string {
  const upper = c.toUpperCase();
  return [...upper].length === 1 ? upper : c;
}
