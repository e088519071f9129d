/**
 * ISO 11649 structured creditor reference ("RF reference"), the reference a customer writes on a
 * bank transfer so that the payment finds its invoice (issue #3, "payment by bank transfer with a
 * structured reference"). Form: 'RF', two check digits, then 1–21 letters or digits. The check
 * digits are ISO 7064 mod 97-10, as in an IBAN: move 'RF' + check digits to the end, turn letters
 * into numbers (A = 10 … Z = 35), and the whole number mod 97 is 1.
 */
const BODY = /^[0-9A-Z]{1,21}$/;

/** The electronic form: no spaces, capitals. People write it in groups of four, so both are accepted. */
export function normalizeReference(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/** "RF18 5390 0754 7034": groups of four, as printed on an invoice. */
export function printReference(reference: string): string {
  return normalizeReference(reference).replace(/(.{4})(?=.)/g, '$1 ');
}

/** Remainder mod 97 of the number the characters stand for, digit by digit (never a float or a bigint overflow). */
function mod97(characters: string): number {
  let remainder = 0;
  for (const character of characters) {
    const value = Number.parseInt(character, 36); // '0'…'9' → 0…9, 'A'…'Z' → 10…35
    const digits = String(value);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

/** The reference for a body: check = 98 − (body + 'RF00' mod 97), two digits. */
export function createReference(body: string): string {
  const normalized = normalizeReference(body);
  if (!BODY.test(normalized)) throw new Error(`A creditor reference body is 1 to 21 letters or digits, not ${JSON.stringify(body)}`);
  const check = 98 - mod97(`${normalized}RF00`);
  return `RF${String(check).padStart(2, '0')}${normalized}`;
}

/** Invoice number n → its reference. Nine digits at least, so references look alike and sort by number. */
export function referenceForSequence(sequence: number | bigint | string): string {
  const text = String(sequence);
  if (!/^[1-9]\d{0,20}$/.test(text)) throw new Error(`An invoice sequence is a positive whole number, not ${text}`);
  return createReference(text.padStart(9, '0'));
}

export type ReferenceCheck = { valid: true; reference: string } | { valid: false; reason: 'format' | 'check_digits' };

/** Checks a reference as written (spaces and small letters allowed); returns its electronic form. */
export function checkReference(text: string): ReferenceCheck {
  const reference = normalizeReference(text);
  if (!/^RF\d{2}[0-9A-Z]{1,21}$/.test(reference)) return { valid: false, reason: 'format' };
  return mod97(`${reference.slice(4)}${reference.slice(0, 4)}`) === 1 ? { valid: true, reference } : { valid: false, reason: 'check_digits' };
}
