import { Temporal } from 'temporal-polyfill';

/**
 * JPF-DUTY-4, pure: what makes a proof of loss complete. "'You' must send 'us' a statement of loss, under oath if
 * requested, within 90 days after the loss occurs. This must include: a. the date, time, place, and details of the
 * loss; b. other insurance that may cover the loss; c. 'your' interest and the interest of all others …, including
 * all liens and encumbrances; d. changes in the title …; e. an inventory … quantity, description, cost, and actual
 * cash value …, and the amount of the loss. Copies of all bills, receipts and related documents … must be attached."
 *
 * Parts b–d may truthfully be "none" (no other insurance, no other interest, no change in title): the form asks
 * the insured to say so, not to leave them out. The shape (every field present, amounts as decimals ≥ 0) is checked
 * at the edge; this checks what needs the claim: a line per claimed item, dates, the attachments and the oath.
 *
 * The actual cash value is NOT required to be at most the cost: the cost is what the insured paid, perhaps decades
 * ago, or nothing for a gift or an heirloom, while gold and gems may since have risen; the form asks for both
 * figures as facts, and the adjuster weighs them on the worksheet.
 */

export type ProofCheckInput = {
  /** The claim's items by line number. */
  claimLineNos: readonly number[];
  /** The inventory's claim line numbers, in the order given. */
  inventoryLineNos: readonly number[];
  lossDate: string;
  /** Today in the claim's time zone. */
  today: Temporal.PlainDate;
  fileCount: number;
  /** The adjuster asked for the proof under oath. */
  oathRequested: boolean;
  sworn: boolean;
};

export type ProofProblemCode =
  | 'inventory_line_missing'
  | 'inventory_line_unknown'
  | 'inventory_line_duplicate'
  | 'loss_date_in_future'
  | 'attachments_required'
  | 'oath_required';
export type ProofProblem = { field: string; code: ProofProblemCode; lineNo?: number };

export function checkProofOfLoss(input: ProofCheckInput): ProofProblem[] {
  const problems: ProofProblem[] = [];
  if (Temporal.PlainDate.compare(Temporal.PlainDate.from(input.lossDate), input.today) > 0) problems.push({ field: 'lossDate', code: 'loss_date_in_future' });
  // (e) one inventory line per claimed item, no more, none twice.
  const seen = new Set<number>();
  input.inventoryLineNos.forEach((lineNo, index) => {
    if (!input.claimLineNos.includes(lineNo)) problems.push({ field: `inventory.${index}.claimLineNo`, code: 'inventory_line_unknown', lineNo });
    else if (seen.has(lineNo)) problems.push({ field: `inventory.${index}.claimLineNo`, code: 'inventory_line_duplicate', lineNo });
    seen.add(lineNo);
  });
  for (const lineNo of input.claimLineNos) if (!seen.has(lineNo)) problems.push({ field: 'inventory', code: 'inventory_line_missing', lineNo });
  // (e) "Copies of all bills, receipts and related documents that substantiate the inventory must be attached."
  if (input.fileCount === 0) problems.push({ field: 'fileIds', code: 'attachments_required' });
  // "under oath if requested": when the insurer asked, the insured must swear to it (an insured may always swear).
  if (input.oathRequested && !input.sworn) problems.push({ field: 'signature.sworn', code: 'oath_required' });
  return problems;
}
