/**
 * An organisation's name folded for comparison (`name_key`): compatibility-decomposed (NFKD, so a
 * ligature or an Arabic presentation form reads as its letters), accents and other combining marks
 * removed (Arabic short vowels too), the Arabic tatweel removed, punctuation and symbols read as a
 * space, lower case, spaces collapsed. Latin and Arabic letters and digits stay: "Coopérative  AL-AMAL"
 * and "cooperative al amal" fold alike, "تعاونية الأمل" keeps its letters.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\p{M}\u0640]/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .slice(0, 200)
    .trim();
}
