/**
 * PRV-SEC-1: every column Bezel encrypts at rest, in one list, so that key rotation re-encrypts all of
 * them and a test can hold the list against the data map's `sensitive` columns. The context binds each
 * ciphertext to its column (field-encryption.ts): a value copied into another column does not decrypt.
 */
export type EncryptedColumn = {
  table: 'call_recording' | 'insured_birth_date';
  column: string;
  context: string;
  /** A blind index kept beside the value, recomputed whenever the value is re-encrypted. */
  blindIndex?: { column: string; normalise: (plaintext: string) => string };
};

/** A phone number's digits, so "+31 (6) 1234-5678" and "+31612345678" find the same recordings. */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}

export const CALL_RECORDING_AUDIO = 'call_recording.recording';
export const CALL_RECORDING_PHONE = 'call_recording.caller_phone';
export const INSURED_DATE_OF_BIRTH = 'insured_birth_date.date_of_birth';

export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { table: 'call_recording', column: 'recording', context: CALL_RECORDING_AUDIO },
  { table: 'call_recording', column: 'caller_phone', context: CALL_RECORDING_PHONE, blindIndex: { column: 'caller_phone_index', normalise: phoneDigits } },
  { table: 'insured_birth_date', column: 'date_of_birth', context: INSURED_DATE_OF_BIRTH },
];
