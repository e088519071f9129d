import type { TableDeclaration } from '../../domain/data-map-types.ts';
import type { PersonalOptions } from '../declare.ts';
import { BASIS, keep, NOT_PERSONAL, personal } from '../declare.ts';

// The claims module's core tables (migration 0024, issue #4): the claim, its items and its diary. A claim is
// the policyholder's (subjectColumn holder_user_id); items and diary entries reach the person through claim_id.
// Erasure keeps claim records: the contract and its limitation periods need them (BASIS.claimRecord), and an
// open claim is a reason the privacy module tells the person (PRV-RIGHT-3).

const CLAIM_RECORD: PersonalOptions = {
  purposes: ['essential.service.claims'],
  provenance: ['data_subject', 'agent', 'insurer_staff'],
  retention: 'policy_life_plus_7_years',
  erasure: keep(BASIS.claimRecord),
};
const LINK: PersonalOptions = { ...CLAIM_RECORD, provenance: ['system'] };

export const CLAIMS_TABLES: readonly TableDeclaration[] = [
  {
    table: 'claim',
    module: 'claims',
    subjectColumn: 'holder_user_id',
    columns: {
      id: NOT_PERSONAL,
      claim_number: NOT_PERSONAL,
      policy_id: NOT_PERSONAL,
      holder_user_id: personal('user.unique_id', { ...LINK, description: 'Policyholder whose claim it is' }),
      agent_user_id: personal('user.unique_id', { ...LINK, description: 'Agent of the policy' }),
      jeweler_user_id: personal('user.unique_id', { ...LINK, description: 'Approved jeweler who reported or repairs' }),
      adjuster_user_id: personal('user.unique_id', { ...LINK, description: 'Adjuster handling the claim' }),
      reported_by_user_id: personal('user.unique_id', { ...LINK, description: 'Who reported the loss' }),
      channel: NOT_PERSONAL,
      reporter_name: personal('user.name', { ...CLAIM_RECORD, description: 'Name of the person who reported the loss' }),
      reporter_relation: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Reporter’s relation to the insured (JPF-DEF-2)' }),
      insured_name: personal('user.name', { ...CLAIM_RECORD, description: 'Insured whose property was lost or damaged' }),
      loss_kind: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'What happened (damage, loss, theft, disappearance)' }),
      loss_date: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Date of the loss' }),
      loss_time: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Time of the loss' }),
      loss_place: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Where the loss happened' }),
      loss_country: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Country of the loss' }),
      narrative: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'The reporter’s account of the loss' }),
      police_report_reference: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Police report reference (JPF-DUTY-3)' }),
      police_authority: personal('user.insurance.claim', { ...CLAIM_RECORD, description: 'Police force that took the report' }),
      protection_confirmed: NOT_PERSONAL,
      notice_date: NOT_PERSONAL,
      status: NOT_PERSONAL,
      time_zone: NOT_PERSONAL,
      currency: NOT_PERSONAL,
      reported_at: NOT_PERSONAL,
      updated_at: NOT_PERSONAL,
    },
  },
  {
    table: 'claim_item',
    module: 'claims',
    subjectColumn: null,
    columns: {
      claim_id: NOT_PERSONAL,
      line_no: NOT_PERSONAL,
      item_no: NOT_PERSONAL,
      description: personal('user.insurance.insured_property', { ...CLAIM_RECORD, description: 'Item claimed for' }),
      category: NOT_PERSONAL,
      coverage_amount: personal('user.insurance.insured_property', { ...CLAIM_RECORD, description: 'Coverage amount on the loss date' }),
      set_id: NOT_PERSONAL,
      newly_purchased: NOT_PERSONAL,
      purchase_date: personal('user.insurance.insured_property', { ...CLAIM_RECORD, description: 'Purchase date of a new item (JPF-ADD-2)' }),
      purchase_price: personal('user.insurance.insured_property', { ...CLAIM_RECORD, description: 'Purchase price of a new item (JPF-ADD-2)' }),
      extent: NOT_PERSONAL,
      part_description: personal('user.insurance.insured_property', { ...CLAIM_RECORD, description: 'The part lost or damaged (JPF-SETTLE-4)' }),
    },
  },
  {
    table: 'claim_diary_entry',
    module: 'claims',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      claim_id: NOT_PERSONAL,
      kind: NOT_PERSONAL,
      party: NOT_PERSONAL,
      due_on: NOT_PERSONAL,
      clause: NOT_PERSONAL,
      note: personal('user.insurance.claim', { ...CLAIM_RECORD, provenance: ['insurer_staff'], description: 'Adjuster’s note on a deadline' }),
      reference_id: NOT_PERSONAL,
      status: NOT_PERSONAL,
      reminded_at: NOT_PERSONAL,
      created_at: NOT_PERSONAL,
      closed_at: NOT_PERSONAL,
    },
  },
];

// migrations/0025_settlement_worksheet.sql: the settlement worksheet versions of a claim (JPF-SETTLE-1..9).
export const CLAIMS_SETTLEMENT_TABLES: readonly TableDeclaration[] = [
  {
    table: 'settlement_worksheet',
    module: 'claims',
    subjectColumn: null,
    columns: {
      id: NOT_PERSONAL,
      claim_id: NOT_PERSONAL,
      version: NOT_PERSONAL,
      lines: personal('user.insurance.claim', { ...CLAIM_RECORD, provenance: ['insurer_staff', 'system'], description: 'Settlement worksheet per item' }),
      total_payable: personal('user.insurance.claim', { ...CLAIM_RECORD, provenance: ['system'], description: 'Amount payable on the claim' }),
      currency: NOT_PERSONAL,
      reason: personal('user.insurance.claim', { ...CLAIM_RECORD, provenance: ['insurer_staff'], description: 'Why the worksheet changed' }),
      created_by: personal('user.unique_id', { ...LINK, description: 'Adjuster who made the worksheet' }),
      created_at: NOT_PERSONAL,
      agreed_at: NOT_PERSONAL,
      agreed_by_name: personal('user.name', { ...CLAIM_RECORD, description: 'Insured who agreed the amount in writing (JPF-SETTLE-9)' }),
    },
  },
];
