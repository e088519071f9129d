import { Decimal } from 'decimal.js';
import { type Currency, Money } from '../../../platform/money.ts';
import type { SettlementMethod } from '../settlement-repository.ts';
import { allocateInProportion, floorToCents, takeInKeyOrder } from './cents-allocation.ts';

/**
 * The settlement worksheet (How "We" Settle Losses, JPF-SETTLE-1..8, and JPF-ADD-2), pure. Per claim line, in
 * this order (docs/decisions/0016-settlement-order.md):
 *   1. the smallest of the candidate amounts (JPF-SETTLE-2; with the part's value for a loss to a part, JPF-SETTLE-4);
 *   2. a pair or set: at most a reasonable part of the set's value (JPF-SETTLE-3);
 *   3. other insurance: our limit's proportion of that (JPF-SETTLE-5), rounded down to cents;
 *   4. minus what others paid (JPF-SETTLE-6), then minus the salvage the insured keeps (JPF-SETTLE-1);
 *   5. newly purchased jewelry, all such lines together: at most the JPF-ADD-2 cap;
 *   6. the deductible, once per claim (one loss), taken from the lines in line order; never below zero.
 */

export type SalvageInput = { agreedValue: Money; keptBy: 'insured' | 'insurer' };

export type WorksheetLineInput = {
  lineNo: number;
  /** The scheduled item; null for newly purchased jewelry not yet reported (JPF-ADD-2). */
  itemNo: number | null;
  description: string;
  /** The item's coverage amount on the loss date; null for a JPF-ADD-2 item. */
  coverageAmount: Money | null;
  setId: string | null;
  extent: 'whole' | 'part';
  method: SettlementMethod;
  /** Our cost to repair, replace or rebuild with material of like kind and quality (methods repair/replace/rebuild). */
  repairOrReplaceCost: Money | null;
  /** JPF-SETTLE-1 b: the actual cash value at the time of loss (method cash). */
  actualCashValue: Money | null;
  /** The amount of the insured's interest; null when the insured owns the whole property (then it limits nothing). */
  insuredInterest: Money | null;
  /** JPF-SETTLE-4: the value of the lost or damaged part (extent 'part' only). */
  partValue: Money | null;
  /** JPF-SETTLE-3: the adjuster's share of the set's value instead of the count, with the reason. */
  setShareOverride: { share: string; reason: string } | null;
  /** JPF-SETTLE-5: the limits of the other insurance covering this loss. */
  otherInsuranceLimits: readonly Money[];
  /** JPF-SETTLE-6: paid by someone else (not the other insurers counted in step 3). */
  paidByOthers: Money;
  salvage: SalvageInput | null;
};

export type ScheduledSetPiece = { itemNo: number; setId: string; coverageAmount: Money };

export type WorksheetInput = {
  currency: Currency;
  /** The deductible on the declarations page. */
  deductible: Money;
  /** The schedule's items that belong to a pair or set, on the loss date. */
  setPieces: readonly ScheduledSetPiece[];
  /** JPF-ADD-2 a: the total limit of insurance for covered property on the declarations page. */
  totalScheduledLimit: Money;
  /** JPF-ADD-2 b: $10,000 (in the policy's currency). */
  newPurchaseAbsoluteCap: Money;
  lines: readonly WorksheetLineInput[];
};

export type CandidateName = 'repair_or_replace_cost' | 'actual_cash_value' | 'insured_interest' | 'coverage_amount' | 'part_value';
export type Candidate = { name: CandidateName; amount: Money };

export type SetStep = {
  setKey: string;
  setId: string | null;
  pieces: number;
  lostPieces: number;
  setValue: Money;
  /** '1/2' by count, or the adjuster's decimal share. */
  share: string;
  shareSource: 'count' | 'override';
  reason: string | null;
  /** share × set value for the whole set, rounded down to cents. */
  setCap: Money;
  after: Money;
};

export type OtherInsuranceStep = { ourLimit: Money; otherLimits: Money[]; totalLimits: Money; after: Money };

export type WorksheetLine = {
  lineNo: number;
  itemNo: number | null;
  description: string;
  method: SettlementMethod;
  newlyPurchased: boolean;
  candidates: Candidate[];
  minimum: Money;
  minimumOf: CandidateName;
  set: SetStep | null;
  otherInsurance: OtherInsuranceStep | null;
  paidByOthers: Money;
  salvage: (SalvageInput & { deducted: Money }) | null;
  /** After every step before the JPF-ADD-2 cap. */
  beforeNewPurchaseCap: Money;
  beforeDeductible: Money;
  deductible: Money;
  payable: Money;
  /** JPF-SETTLE-7: the whole scheduled item is replaced or paid in cash. */
  totalLoss: boolean;
};

export type NewPurchaseCap = { quarterOfTotalLimit: Money; absolute: Money; cap: Money; claimed: Money; after: Money };

export type Worksheet = {
  currency: Currency;
  lines: WorksheetLine[];
  newPurchaseCap: NewPurchaseCap | null;
  totalBeforeDeductible: Money;
  deductible: Money;
  deductibleApplied: Money;
  totalPayable: Money;
};

export type WorksheetProblemCode =
  | 'repair_cost_required'
  | 'actual_cash_value_required'
  | 'part_value_required'
  | 'part_value_not_allowed'
  | 'set_share_invalid'
  | 'set_share_reason_required'
  | 'set_share_conflict'
  | 'other_insurance_limit_invalid'
  | 'currency_mismatch';
export type WorksheetProblem = { lineNo: number; field: string; code: WorksheetProblemCode };

export type WorksheetResult = { ok: true; worksheet: Worksheet } | { ok: false; problems: WorksheetProblem[] };

const SHARE = /^(0(\.\d{1,6})?|1(\.0{1,6})?)$/;

function lineProblems(line: WorksheetLineInput, currency: Currency): WorksheetProblem[] {
  const found: WorksheetProblem[] = [];
  const problem = (field: string, code: WorksheetProblemCode) => found.push({ lineNo: line.lineNo, field, code });
  const amounts = [line.coverageAmount, line.repairOrReplaceCost, line.actualCashValue, line.insuredInterest, line.partValue, line.paidByOthers];
  if ([...amounts, ...line.otherInsuranceLimits, line.salvage?.agreedValue].some((amount) => amount && amount.currency !== currency))
    problem('currency', 'currency_mismatch');
  if (line.method === 'cash' ? line.actualCashValue === null : line.repairOrReplaceCost === null)
    problem(line.method === 'cash' ? 'actualCashValue' : 'repairOrReplaceCost', line.method === 'cash' ? 'actual_cash_value_required' : 'repair_cost_required');
  if (line.extent === 'part' && line.partValue === null) problem('partValue', 'part_value_required');
  if (line.extent === 'whole' && line.partValue !== null) problem('partValue', 'part_value_not_allowed');
  if (line.setShareOverride) {
    if (!SHARE.test(line.setShareOverride.share) || new Decimal(line.setShareOverride.share).isZero()) problem('setShare', 'set_share_invalid');
    if (line.setShareOverride.reason.trim().length < 3) problem('setShareReason', 'set_share_reason_required');
  }
  if (line.otherInsuranceLimits.some((limit) => !limit.isPositive())) problem('otherInsurance', 'other_insurance_limit_invalid');
  return found;
}

/** JPF-SETTLE-2 (and -1 b, -4): the candidate amounts of a line; the smallest is the most paid for it. */
export function candidatesOf(line: WorksheetLineInput): Candidate[] {
  const candidates: Candidate[] = [];
  if (line.method === 'cash' && line.actualCashValue) candidates.push({ name: 'actual_cash_value', amount: line.actualCashValue });
  if (line.method !== 'cash' && line.repairOrReplaceCost) candidates.push({ name: 'repair_or_replace_cost', amount: line.repairOrReplaceCost });
  if (line.insuredInterest) candidates.push({ name: 'insured_interest', amount: line.insuredInterest });
  if (line.coverageAmount) candidates.push({ name: 'coverage_amount', amount: line.coverageAmount });
  if (line.extent === 'part' && line.partValue) candidates.push({ name: 'part_value', amount: line.partValue });
  return candidates;
}

function smallest(candidates: readonly Candidate[]): Candidate {
  const [first, ...rest] = candidates;
  if (!first) throw new Error('a worksheet line has no candidate amount');
  // Ties keep the first named (the cost): the order is fixed, so the same input says the same thing.
  return rest.reduce((best, candidate) => (candidate.amount.compare(best.amount) < 0 ? candidate : best), first);
}

type SetGroup = {
  key: string;
  setId: string | null;
  lines: WorksheetLineInput[];
  pieces: number;
  setValue: Money;
  override: { share: string; reason: string } | null;
};

/**
 * JPF-SETTLE-3: the pairs and sets the claim touches. A schedule set (items sharing a set id) counts its pieces
 * and adds their coverage amounts; a line outside any schedule set with an adjuster's share is a pair scheduled
 * as one item (its own coverage amount is the set's value).
 */
function setGroupsOf(input: WorksheetInput, problems: WorksheetProblem[]): SetGroup[] {
  const groups = new Map<string, SetGroup>();
  for (const line of input.lines) {
    const key = line.setId !== null ? `set:${line.setId}` : line.setShareOverride && line.coverageAmount ? `item:${line.lineNo}` : null;
    if (key === null) continue;
    let group = groups.get(key);
    if (!group) {
      const pieces = line.setId === null ? [] : input.setPieces.filter((piece) => piece.setId === line.setId);
      group = {
        key,
        setId: line.setId,
        lines: [],
        pieces: line.setId === null ? 1 : pieces.length,
        setValue:
          line.setId === null
            ? (line.coverageAmount as Money)
            : Money.sum(
                pieces.map((piece) => piece.coverageAmount),
                input.currency,
              ),
        override: null,
      };
      groups.set(key, group);
    }
    group.lines.push(line);
    if (line.setShareOverride) {
      if (group.override && !new Decimal(group.override.share).equals(new Decimal(line.setShareOverride.share)))
        problems.push({ lineNo: line.lineNo, field: 'setShare', code: 'set_share_conflict' });
      group.override ??= line.setShareOverride;
    }
  }
  for (const group of groups.values()) {
    // A claimed piece missing from the schedule's set still counts as a piece of it, with its own amount.
    const scheduled = new Set(input.setPieces.filter((piece) => piece.setId === group.setId).map((piece) => piece.itemNo));
    for (const line of group.lines)
      if (group.setId !== null && (line.itemNo === null || !scheduled.has(line.itemNo))) {
        group.pieces += 1;
        if (line.coverageAmount) group.setValue = group.setValue.plus(line.coverageAmount);
      }
  }
  return [...groups.values()];
}

function setSteps(groups: readonly SetGroup[], minimums: ReadonlyMap<number, Money>): Map<number, SetStep> {
  const steps = new Map<number, SetStep>();
  for (const group of groups) {
    const lostPieces = group.lines.length;
    // By count: value × lost ÷ pieces, multiplied first so a third of $6,000 is $2,000.00, not $1,999.99.
    const setCap = floorToCents(group.override ? group.setValue.times(group.override.share) : group.setValue.times(lostPieces).dividedBy(group.pieces));
    const parts = group.lines.map((line) => ({ key: line.lineNo, amount: minimums.get(line.lineNo) as Money }));
    const claimed = Money.sum(
      parts.map((part) => part.amount),
      setCap.currency,
    );
    // Within the cap nothing changes; above it the cap is shared in proportion to the lines' amounts.
    const after = claimed.compare(setCap) > 0 ? allocateInProportion(setCap, parts) : new Map(parts.map((part) => [part.key, part.amount]));
    for (const line of group.lines)
      steps.set(line.lineNo, {
        setKey: group.key,
        setId: group.setId,
        pieces: group.pieces,
        lostPieces,
        setValue: group.setValue,
        share: group.override ? group.override.share : `${lostPieces}/${group.pieces}`,
        shareSource: group.override ? 'override' : 'count',
        reason: group.override?.reason.trim() ?? null,
        setCap,
        after: after.get(line.lineNo) as Money,
      });
  }
  return steps;
}

/** JPF-ADD-2: the most paid for all newly purchased items together (c, the cost, is each line's minimum). */
export function newPurchaseLimit(totalScheduledLimit: Money, absolute: Money): { quarterOfTotalLimit: Money; cap: Money } {
  const quarterOfTotalLimit = floorToCents(totalScheduledLimit.times('0.25'));
  return { quarterOfTotalLimit, cap: quarterOfTotalLimit.min(absolute) };
}

/** Computes the worksheet, or says which inputs are missing or contradictory (nothing is computed then). */
export function computeWorksheet(input: WorksheetInput): WorksheetResult {
  const problems = input.lines.flatMap((line) => lineProblems(line, input.currency));
  const groups = setGroupsOf(input, problems);
  if (problems.length > 0) return { ok: false, problems };
  const zero = Money.zero(input.currency);
  const addLimit = newPurchaseLimit(input.totalScheduledLimit, input.newPurchaseAbsoluteCap);

  const minimums = new Map<number, Candidate>();
  for (const line of input.lines) minimums.set(line.lineNo, smallest(candidatesOf(line)));
  const sets = setSteps(groups, new Map([...minimums].map(([lineNo, candidate]) => [lineNo, candidate.amount])));

  const partial = input.lines.map((line) => {
    const minimum = minimums.get(line.lineNo) as Candidate;
    const set = sets.get(line.lineNo) ?? null;
    let amount = set ? set.after : minimum.amount;
    let otherInsurance: OtherInsuranceStep | null = null;
    if (line.otherInsuranceLimits.length > 0) {
      // JPF-SETTLE-5: "the limit of insurance that applies under this policy" — the item's coverage amount, or for
      // newly purchased jewelry the JPF-ADD-2 limit.
      const ourLimit = line.coverageAmount ?? addLimit.cap;
      const totalLimits = Money.sum([ourLimit, ...line.otherInsuranceLimits], input.currency);
      amount = floorToCents(amount.times(ourLimit.amount).dividedBy(totalLimits.amount));
      otherInsurance = { ourLimit, otherLimits: [...line.otherInsuranceLimits], totalLimits, after: amount };
    }
    amount = amount.minus(line.paidByOthers).max(zero);
    let salvage: WorksheetLine['salvage'] = null;
    if (line.salvage) {
      // JPF-SETTLE-1: damaged property the insured keeps is worth its agreed value to them; property the insurer
      // takes becomes the insurer's and is only recorded.
      const deducted = line.salvage.keptBy === 'insured' ? line.salvage.agreedValue.min(amount) : zero;
      amount = amount.minus(deducted);
      salvage = { ...line.salvage, deducted };
    }
    return { line, minimum, set, otherInsurance, salvage, amount };
  });

  const newlyPurchased = partial.filter((entry) => entry.line.coverageAmount === null);
  let newPurchaseCap: NewPurchaseCap | null = null;
  const capped = new Map(partial.map((entry) => [entry.line.lineNo, entry.amount]));
  if (newlyPurchased.length > 0) {
    const parts = newlyPurchased.map((entry) => ({ key: entry.line.lineNo, amount: entry.amount }));
    const claimed = Money.sum(
      parts.map((part) => part.amount),
      input.currency,
    );
    const after = claimed.min(addLimit.cap);
    if (claimed.compare(addLimit.cap) > 0) for (const [key, amount] of allocateInProportion(addLimit.cap, parts)) capped.set(key, amount);
    newPurchaseCap = { quarterOfTotalLimit: addLimit.quarterOfTotalLimit, absolute: input.newPurchaseAbsoluteCap, cap: addLimit.cap, claimed, after };
  }

  const totalBeforeDeductible = Money.sum([...capped.values()], input.currency);
  // One loss, one deductible: the form makes the insured "responsible for the deductible amount" for a loss.
  const deductibleApplied = input.deductible.min(totalBeforeDeductible).max(zero);
  const taken = takeInKeyOrder(
    deductibleApplied,
    [...capped].map(([key, amount]) => ({ key, amount })),
  );

  const lines: WorksheetLine[] = partial.map(({ line, minimum, set, otherInsurance, salvage, amount }) => {
    const beforeDeductible = capped.get(line.lineNo) as Money;
    const deductible = taken.get(line.lineNo) ?? zero;
    return {
      lineNo: line.lineNo,
      itemNo: line.itemNo,
      description: line.description,
      method: line.method,
      newlyPurchased: line.coverageAmount === null,
      candidates: candidatesOf(line),
      minimum: minimum.amount,
      minimumOf: minimum.name,
      set,
      otherInsurance,
      paidByOthers: line.paidByOthers,
      salvage,
      beforeNewPurchaseCap: amount,
      beforeDeductible,
      deductible,
      payable: beforeDeductible.minus(deductible),
      totalLoss: isTotalLoss(line, set),
    };
  });
  return {
    ok: true,
    worksheet: {
      currency: input.currency,
      lines,
      newPurchaseCap,
      totalBeforeDeductible,
      deductible: input.deductible,
      deductibleApplied,
      totalPayable: totalBeforeDeductible.minus(deductibleApplied),
    },
  };
}

/**
 * JPF-SETTLE-7: a scheduled item wholly lost or destroyed and replaced or paid in cash. A part of an item, a
 * repair, and half of a pair scheduled as one item (an adjuster's share on an item outside a schedule set) are
 * partial losses: the coverage amount stays.
 */
function isTotalLoss(line: WorksheetLineInput, set: SetStep | null): boolean {
  if (line.itemNo === null || line.extent !== 'whole') return false;
  if (line.method !== 'replace' && line.method !== 'cash') return false;
  return !(set && set.setId === null);
}
