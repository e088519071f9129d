/**
 * Policy numbers: `JW-<year of issue>-<sequence, at least 6 digits>`, e.g. JW-2026-000123. The sequence
 * is one database sequence for all years (never reused; a rolled-back bind leaves a gap, which is fine:
 * numbers identify, they do not count). Past 999,999 the number simply grows a digit.
 */
export const POLICY_NUMBER_PATTERN = /^JW-\d{4}-\d{6,}$/;

export function formatPolicyNumber(year: number, sequence: number | bigint): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`A policy number year has four digits, not ${year}`);
  const seq = BigInt(sequence);
  if (seq < 1n) throw new RangeError(`A policy number sequence starts at 1, not ${seq}`);
  return `JW-${year}-${seq.toString().padStart(6, '0')}`;
}

export function isPolicyNumber(text: string): boolean {
  return POLICY_NUMBER_PATTERN.test(text);
}
