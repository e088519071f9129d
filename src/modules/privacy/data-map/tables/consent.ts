import type { TableDeclaration } from '../../domain/data-map-types.ts';
import type { PersonalOptions } from '../declare.ts';
import { ANONYMISE, DELETE, NOT_PERSONAL, personal } from '../declare.ts';

// Consent, cookies and marketing (migration 0015): notice versions, cookie choices as proof,
// page counts without identifiers (PRV-BEACON-1), consents per purpose and marketing suppressions.

const CHOICE: PersonalOptions = {
  purposes: ['privacy.rights_management'],
  provenance: ['data_subject'],
  retention: 'until_erasure',
  erasure: DELETE,
};

export const CONSENT_TABLES: readonly TableDeclaration[] = [
  {
    table: 'privacy_notice_version',
    module: 'privacy',
    subjectColumn: null,
    columns: {
      version: NOT_PERSONAL,
      published_on: NOT_PERSONAL,
      summary_en: NOT_PERSONAL,
      summary_nl: NOT_PERSONAL,
      changes_en: NOT_PERSONAL,
      changes_nl: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
    },
  },
  {
    // PRV-COOKIE-1: the proof of each cookie choice; most come from browsers without an account.
    table: 'cookie_consent',
    module: 'privacy',
    subjectColumn: 'user_id',
    columns: {
      id: NOT_PERSONAL,
      consent_id: personal('user.device.cookie_id', {
        ...CHOICE,
        provenance: ['system'],
        erasure: ANONYMISE,
        description: 'Random id of the browser’s consent cookie',
      }),
      notice_version: NOT_PERSONAL,
      analytics: personal('user.privacy_preferences', { ...CHOICE, erasure: ANONYMISE, description: 'Analytics cookies allowed' }),
      advertising: personal('user.privacy_preferences', { ...CHOICE, erasure: ANONYMISE, description: 'Advertising cookies allowed' }),
      method: NOT_PERSONAL,
      gpc: personal('user.privacy_preferences', { ...CHOICE, erasure: ANONYMISE, description: 'Browser sent Global Privacy Control' }),
      user_id: personal('user.unique_id', { ...CHOICE, provenance: ['system'], erasure: ANONYMISE, description: 'The user who chose, when logged in' }),
      masked_ip: personal('user.device.ip_address', {
        ...CHOICE,
        provenance: ['system'],
        description: 'IP address with the device part removed (IPv4 /24, IPv6 /48)',
      }),
      user_agent: personal('user.device.device_id', { ...CHOICE, provenance: ['system'], description: 'Browser user agent at the choice' }),
      recorded_at: NOT_PERSONAL,
    },
  },
  {
    // PRV-BEACON-1: counts per route per day; nothing about any visitor.
    table: 'page_view_count',
    module: 'privacy',
    subjectColumn: null,
    columns: { day: NOT_PERSONAL, path: NOT_PERSONAL, views: NOT_PERSONAL },
  },
  {
    // PRV-RIGHT-7: consents per purpose with their withdrawal.
    table: 'consent_record',
    module: 'privacy',
    subjectColumn: 'user_id',
    columns: {
      id: NOT_PERSONAL,
      user_id: personal('user.unique_id', { ...CHOICE, provenance: ['system'], description: 'Whose consent' }),
      purpose: personal('user.privacy_preferences', { ...CHOICE, description: 'Purpose consented to' }),
      notice_version: NOT_PERSONAL,
      source: NOT_PERSONAL,
      given_at: personal('user.privacy_preferences', { ...CHOICE, description: 'When the consent was given' }),
      withdrawn_at: personal('user.privacy_preferences', { ...CHOICE, description: 'When it was withdrawn' }),
      withdrawn_source: NOT_PERSONAL,
    },
  },
  {
    // PRV-OPTOUT-1, PRV-RIGHT-5: opt-outs, objections and unsubscribes.
    table: 'marketing_suppression',
    module: 'privacy',
    subjectColumn: 'user_id',
    columns: {
      id: NOT_PERSONAL,
      user_id: personal('user.unique_id', { ...CHOICE, provenance: ['system'], description: 'Who gets no marketing' }),
      reason: personal('user.privacy_preferences', { ...CHOICE, description: 'Opted out, objected or unsubscribed' }),
      source: NOT_PERSONAL,
      recorded_at: NOT_PERSONAL,
      lifted_at: NOT_PERSONAL,
    },
  },
];
