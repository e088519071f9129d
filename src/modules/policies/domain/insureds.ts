import { type OtherInsuredRelation, sameName } from './application-rules.ts';

/**
 * JPF-DEF-2: who is an insured under the policy — "you" (the named insureds, JPF-DEF-3) and, living with
 * you, your spouse, your resident relatives and persons under 21 in your care. (The legal representative
 * of a deceased insured is an insured only for covered property and only after the death: that is a
 * claims question, decided at intake, not a party on the policy.) The claims module asks this to check
 * that a reporter is an insured or acts for one.
 */
export type InsuredStatus = { insured: true; as: 'named_insured' | OtherInsuredRelation } | { insured: false };

export function insuredStatusOf(
  parties: { namedInsureds: readonly string[]; otherInsureds: readonly { name: string; relation: OtherInsuredRelation }[] },
  name: string,
): InsuredStatus {
  if (name.trim() === '') return { insured: false };
  if (parties.namedInsureds.some((named) => sameName(named, name))) return { insured: true, as: 'named_insured' };
  const other = parties.otherInsureds.find((insured) => sameName(insured.name, name));
  return other ? { insured: true, as: other.relation } : { insured: false };
}
