/**
 * Letters from Entra's NormalizeDiacritics table that Unicode decomposition does not reduce to a base
 * letter. œ/Œ follow ø (the table maps œ̄ to "oe").
 */
const SPECIAL: Readonly<Record<string, string>> = {
  æ: "ae",
  Æ: "AE",
  ǣ: "ae",
  Ǣ: "AE",
  ø: "oe",
  Ø: "OE",
  œ: "oe",
  Œ: "OE",
  ß: "ss",
  ł: "l",
  Ł: "L",
  ı: "i",
};
const SPECIAL_PATTERN = new RegExp(`[${Object.keys(SPECIAL).join("")}]`, "g");
const COMBINING_MARKS = /\p{Mn}/gu;
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * The documented table first, then NFD with combining marks removed, then NFC so scripts that NFD splits
 * into non-mark parts (Hangul) come back whole. Characters outside the table without a decomposition
 * (đ, þ, ð) are kept.
 */
export function normalizeDiacritics(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return text
    .replace(SPECIAL_PATTERN, (c) => SPECIAL[c] ?? c)
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .normalize("NFC");
}
