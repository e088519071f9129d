import type { CandidateName, NewPurchaseCap, Worksheet, WorksheetLine } from './domain/settlement-worksheet.ts';
import type { SettlementMethod, StoredWorksheetLine } from './settlement-repository.ts';

/**
 * What a stored worksheet line keeps in its `detail` (settlement_worksheet.lines, JSON): every step of the
 * calculation as the adjuster and the insured see it, with amounts as { amount, currency }, and the adjuster's
 * inputs so a new version can start from them.
 */
export type MoneyJson = { amount: string; currency: string };

export type WorksheetLineRequest = {
  lineNo: number;
  method: SettlementMethod;
  repairOrReplaceCost?: string | null | undefined;
  actualCashValue?: string | null | undefined;
  insuredInterest?: string | null | undefined;
  partValue?: string | null | undefined;
  setShare?: string | null | undefined;
  setShareReason?: string | null | undefined;
  otherInsuranceLimits?: string[] | undefined;
  paidByOthers?: string | null | undefined;
  salvage?: { agreedValue: string; keptBy: 'insured' | 'insurer' } | null | undefined;
};

export type WorksheetLineDetail = {
  input: WorksheetLineRequest;
  newlyPurchased: boolean;
  candidates: { name: CandidateName; amount: MoneyJson }[];
  minimum: MoneyJson;
  minimumOf: CandidateName;
  set: {
    setId: string | null;
    pieces: number;
    lostPieces: number;
    setValue: MoneyJson;
    share: string;
    shareSource: 'count' | 'override';
    reason: string | null;
    setCap: MoneyJson;
    after: MoneyJson;
  } | null;
  otherInsurance: { ourLimit: MoneyJson; otherLimits: MoneyJson[]; totalLimits: MoneyJson; after: MoneyJson } | null;
  paidByOthers: MoneyJson;
  salvage: { agreedValue: MoneyJson; keptBy: 'insured' | 'insurer'; deducted: MoneyJson } | null;
  beforeNewPurchaseCap: MoneyJson;
  /** JPF-ADD-2, on the lines of newly purchased jewelry: the cap for all of them together. */
  newPurchaseCap: { quarterOfTotalLimit: MoneyJson; absolute: MoneyJson; cap: MoneyJson; claimed: MoneyJson; after: MoneyJson } | null;
  beforeDeductible: MoneyJson;
  /** The deductible on the declarations page, and the part of it taken from this line. */
  policyDeductible: MoneyJson;
  deductible: MoneyJson;
  payable: MoneyJson;
};

/** Money objects become { amount, currency } through their toJSON. */
const plain = <T>(value: unknown): T => JSON.parse(JSON.stringify(value)) as T;

export function storedLineOf(line: WorksheetLine, worksheet: Worksheet, request: WorksheetLineRequest): StoredWorksheetLine {
  const cap: NewPurchaseCap | null = line.newlyPurchased ? worksheet.newPurchaseCap : null;
  const detail: WorksheetLineDetail = plain({
    input: request,
    newlyPurchased: line.newlyPurchased,
    candidates: line.candidates,
    minimum: line.minimum,
    minimumOf: line.minimumOf,
    set: line.set && { ...line.set, setKey: undefined },
    otherInsurance: line.otherInsurance,
    paidByOthers: line.paidByOthers,
    salvage: line.salvage,
    beforeNewPurchaseCap: line.beforeNewPurchaseCap,
    newPurchaseCap: cap,
    beforeDeductible: line.beforeDeductible,
    policyDeductible: worksheet.deductible,
    deductible: line.deductible,
    payable: line.payable,
  });
  return {
    lineNo: line.lineNo,
    itemNo: line.itemNo,
    description: line.description,
    method: line.method,
    payable: line.payable,
    totalLoss: line.totalLoss,
    detail: detail as unknown as Record<string, unknown>,
  };
}

/** The detail of a stored line, as stored by storedLineOf. */
export function detailOf(line: StoredWorksheetLine): WorksheetLineDetail {
  return line.detail as unknown as WorksheetLineDetail;
}
