import type { TableDeclaration } from '../../domain/data-map-types.ts';
import type { PersonalOptions } from '../declare.ts';
import { BASIS, DELETE, keep, NOT_PERSONAL, personal } from '../declare.ts';

// Privacy protection's tables (migration 0017): PRV-SEC-1 data keys, PRV-REC-1 call recordings,
// PRV-CHILD-1 dates of birth, guardian consents and inbound messages. Columns marked `sensitive` are
// encrypted at rest (ENCRYPTED_COLUMNS in protection/domain/encrypted-columns.ts; a test compares the two).

// PRV-REC-1, PRV-RET-1: call recordings are kept at most 180 days from the call (the purge job's anchor: recorded_at).
const RECORDING: PersonalOptions = {
  purposes: ['essential.service', 'essential.legal_obligation'],
  provenance: ['data_subject', 'insurer_staff'],
  retention: 'call_recording_180_days',
  erasure: DELETE,
};
// PRV-CHILD-1: a date of birth and a guardian's consent are part of the application they were given with.
const INTAKE: PersonalOptions = {
  purposes: ['essential.service.underwriting', 'essential.legal_obligation'],
  provenance: ['data_subject', 'agent'],
  retention: 'policy_life_plus_7_years',
  erasure: keep(BASIS.policyRecord),
};
const MESSAGE: PersonalOptions = {
  purposes: ['essential.service', 'privacy.rights_management'],
  provenance: ['data_subject'],
  retention: 'until_erasure',
  erasure: DELETE,
};

export const PROTECTION_TABLES: readonly TableDeclaration[] = [
  {
    // Wrapped data keys only; the master keys that unwrap them are configuration, never stored.
    table: 'data_key',
    module: 'privacy',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      master_key_id: NOT_PERSONAL,
      wrapped_key: NOT_PERSONAL,
      status: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
      retired_at: NOT_PERSONAL,
      destroyed_at: NOT_PERSONAL,
    },
  },
  {
    table: 'call_recording',
    module: 'privacy',
    subjectColumn: 'caller_user_id',
    columns: {
      id: NOT_PERSONAL,
      caller_user_id: personal('user.unique_id', { ...RECORDING, description: 'The caller, when a known user' }),
      caller_phone: personal('user.contact.phone_number', { ...RECORDING, sensitive: true, description: 'Caller’s phone number (encrypted)' }),
      caller_phone_index: personal('user.contact.phone_number', {
        ...RECORDING,
        provenance: ['system'],
        description: 'Blind index of the phone number (keyed hash)',
      }),
      staff_user_id: NOT_PERSONAL,
      purpose: NOT_PERSONAL,
      recorded_at: personal('user.insurance.call_recording', { ...RECORDING, description: 'When the call was recorded (retention anchor)' }),
      duration_seconds: NOT_PERSONAL,
      media_type: NOT_PERSONAL,
      recording: personal('user.insurance.call_recording', { ...RECORDING, sensitive: true, description: 'The call audio (encrypted)' }),
      registered_by: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
    },
  },
  {
    table: 'insured_birth_date',
    module: 'privacy',
    subjectColumn: 'subject_user_id',
    columns: {
      id: NOT_PERSONAL,
      application_id: NOT_PERSONAL,
      insured_no: NOT_PERSONAL,
      subject_user_id: personal('user.unique_id', { ...INTAKE, provenance: ['system'], description: 'Applicant' }),
      date_of_birth: personal('user.demographic.date_of_birth', { ...INTAKE, sensitive: true, description: 'A named insured’s date of birth (encrypted)' }),
      created_at: NOT_PERSONAL,
    },
  },
  {
    table: 'guardian_consent',
    module: 'privacy',
    subjectColumn: 'subject_user_id',
    columns: {
      id: NOT_PERSONAL,
      application_id: NOT_PERSONAL,
      insured_no: NOT_PERSONAL,
      subject_user_id: personal('user.unique_id', { ...INTAKE, provenance: ['system'], description: 'Applicant' }),
      guardian_name: personal('user.childrens', { ...INTAKE, description: 'Parent or guardian who consented for a minor (PRV-CHILD-1)' }),
      relation: personal('user.childrens', { ...INTAKE, description: 'Guardian’s relation to the minor' }),
      method: NOT_PERSONAL,
      consented_at: personal('user.childrens', { ...INTAKE, description: 'When the guardian consented' }),
      recorded_by: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
    },
  },
  {
    table: 'inbound_message',
    module: 'privacy',
    subjectColumn: 'sender_user_id',
    columns: {
      id: NOT_PERSONAL,
      channel: NOT_PERSONAL,
      sender_user_id: personal('user.unique_id', { ...MESSAGE, provenance: ['insurer_staff'], description: 'Sender, when a known user' }),
      sender_name: personal('user.name', { ...MESSAGE, description: 'Sender’s name' }),
      sender_contact: personal('user.contact.email', { ...MESSAGE, description: 'Sender’s address or number' }),
      subject: personal('user.content.private', { ...MESSAGE, description: 'Message subject' }),
      body: personal('user.content.private', { ...MESSAGE, description: 'Message text' }),
      received_at: NOT_PERSONAL,
      registered_by: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
    },
  },
];
