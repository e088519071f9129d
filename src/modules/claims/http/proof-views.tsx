import type { Locale } from '../../../platform/db/schema.ts';
import { Button, Card, ErrorSummary, Field, Form, Panel, SummaryList, Table } from '../../../platform/ui/components.tsx';
import { errorFor } from '../../../platform/ui/forms.ts';
import { translator } from '../../../platform/ui/page-support.tsx';
import type { ClaimWithItems } from '../claims-repository.ts';
import type { InventoryLine, ProofOfLoss } from '../proof-of-loss-repository.ts';
import { dayText, instantDayText, moneyText } from '../settlement-words.ts';
import type { ProofOfLossView } from '../use-cases/read-settlement.ts';
import { EMPTY_STATE, type SectionFormState, valuesFor } from './section-forms.ts';

/**
 * The proof of loss on the claim pages (JPF-DUTY-4): its parts a–e as the adjuster reads them, with the forms to
 * accept, reject and ask for an oath (back office, order 40), and its state in plain words for the insured with the
 * link to the form (portal, order 40).
 */

export const PROOF_SECTION_ID = 'proof-of-loss';

export const proofPaths = {
  portalForm: (claimId: string) => `/portal/claims/${claimId}/proof-of-loss`,
  backoffice: (claimId: string) => `/backoffice/claims/${claimId}/proof-of-loss`,
  accept: (claimId: string, proofId: string) => `/backoffice/claims/${claimId}/proof-of-loss/${proofId}/accept`,
  reject: (claimId: string, proofId: string) => `/backoffice/claims/${claimId}/proof-of-loss/${proofId}/reject`,
  oathRequest: (claimId: string) => `/backoffice/claims/${claimId}/proof-of-loss/oath-request`,
};

function InventoryTable({ locale, inventory, claim }: { locale: Locale; inventory: readonly InventoryLine[]; claim: ClaimWithItems }) {
  const t = translator(locale);
  return (
    <Table
      caption={t('claims_settlement.proof.part_e')}
      rows={inventory}
      rowKey={(line) => String(line.claimLineNo)}
      empty={t('claims_settlement.proof.none_declared')}
      columns={[
        {
          header: t('claims_settlement.worksheet.col_item'),
          cell: (line) =>
            t('claims_settlement.proof.inventory_item', {
              lineNo: line.claimLineNo,
              description: claim.items.find((item) => item.lineNo === line.claimLineNo)?.description ?? '',
            }),
          rowHeader: true,
        },
        { header: t('claims_settlement.proof.quantity'), cell: (line) => line.quantity, numeric: true },
        { header: t('claims_settlement.proof.description'), cell: (line) => line.description },
        { header: t('claims_settlement.proof.cost'), cell: (line) => moneyText(locale, line.cost), numeric: true },
        { header: t('claims_settlement.proof.actual_cash_value'), cell: (line) => moneyText(locale, line.actualCashValue), numeric: true },
        { header: t('claims_settlement.proof.amount_of_loss'), cell: (line) => moneyText(locale, line.amountOfLoss), numeric: true },
      ]}
    />
  );
}

/** Every part of one proof of loss, a–e, the documents and the signature. */
export function ProofDetails({ locale, proof, claim }: { locale: Locale; proof: ProofOfLoss; claim: ClaimWithItems }) {
  const t = translator(locale);
  const none = t('claims_settlement.proof.none_declared');
  const signedOn = instantDayText(locale, proof.signedAt, claim.timeZone);
  const decided = proof.decidedAt ? instantDayText(locale, proof.decidedAt, claim.timeZone) : null;
  return (
    <>
      <SummaryList
        items={[
          {
            term: t('claims_settlement.proof.status'),
            value:
              proof.status === 'accepted' && decided
                ? t('claims_settlement.proof.decided_accepted', { date: decided })
                : proof.status === 'rejected' && decided
                  ? t('claims_settlement.proof.decided_rejected', { date: decided, reason: proof.rejectionReason ?? '' })
                  : t('claims_settlement.proof_status.submitted'),
          },
          {
            term: t('claims_settlement.proof.part_a'),
            value: (
              <>
                {dayText(locale, proof.lossDate)} {proof.lossTime} {proof.lossTimeApproximate ? t('claims_settlement.proof.approximate') : ''} —{' '}
                {proof.lossPlace}
                <br />
                {proof.lossDetails}
              </>
            ),
          },
          {
            term: t('claims_settlement.proof.part_b'),
            value:
              proof.otherInsurance.length === 0
                ? none
                : proof.otherInsurance
                    .map((entry) => `${entry.insurer}${entry.policyNumber ? ` (${entry.policyNumber})` : ''}: ${moneyText(locale, entry.limit)}`)
                    .join('; '),
          },
          {
            term: t('claims_settlement.proof.part_c'),
            value: [
              proof.insuredInterest,
              ...proof.otherInterests.map(
                (entry) => `${entry.name} — ${t(`claims_settlement.nature.${entry.nature}`)}${entry.amount ? `: ${moneyText(locale, entry.amount)}` : ''}`,
              ),
            ].join('; '),
          },
          { term: t('claims_settlement.proof.part_d'), value: proof.titleChanges ?? none },
          {
            term: t('claims_settlement.proof.signature'),
            value: (
              <>
                {t(proof.sworn ? 'claims_settlement.proof.signed_sworn' : 'claims_settlement.proof.signed', { name: proof.signedName, date: signedOn })}
                {proof.oathStatement ? (
                  <>
                    <br />“{proof.oathStatement}”
                  </>
                ) : null}
              </>
            ),
          },
        ]}
      />
      <InventoryTable locale={locale} inventory={proof.inventory} claim={claim} />
      <h3>{t('claims_settlement.proof.files_heading')}</h3>
      {proof.files.length === 0 ? (
        <p>{none}</p>
      ) : (
        <ul>
          {proof.files.map((file, index) => (
            <li key={file.fileId}>
              <a href={`/api/v1/files/${file.fileId}`}>{t('claims_settlement.proof.download', { n: index + 1, type: file.type })}</a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export type ProofStaffProps = {
  locale: Locale;
  view: ProofOfLossView;
  csrfToken: string;
  canHandle: boolean;
  state?: SectionFormState;
  /** Where the forms return after a successful post (the page they are on). */
  returnTo: string;
};

/** Back office, order 40: the current proof with its decision forms, the oath request, earlier submissions. */
export function ProofStaffSection({ locale, view, csrfToken, canHandle, state = EMPTY_STATE, returnTo }: ProofStaffProps) {
  const t = translator(locale);
  const { claim } = view;
  const [current, ...earlier] = view.proofs;
  const finished = ['withdrawn', 'closed'].includes(claim.status);
  const reject = valuesFor(state, 'proof_reject', {});
  const oath = valuesFor(state, 'oath_request', {});
  return (
    <Card title={t('claims_settlement.proof.title')} id={PROOF_SECTION_ID}>
      {state.errors.length > 0 ? <ErrorSummary locale={locale} errors={state.errors} /> : null}
      <p>{t('claims_settlement.proof.due', { dueOn: dayText(locale, view.dueOn) })}</p>
      {view.oathRequest ? <Panel>{t('claims_settlement.proof.oath_requested')}</Panel> : null}
      {current ? (
        <>
          <h3>{t('claims_settlement.proof.submission', { number: current.submissionNo })}</h3>
          <ProofDetails locale={locale} proof={current} claim={claim} />
          {canHandle && current.status === 'submitted' && !finished ? (
            <>
              <Form action={proofPaths.accept(claim.id, current.id)} csrfToken={csrfToken}>
                <input type="hidden" name="returnTo" value={returnTo} />
                <Button>{t('claims_settlement.proof.accept')}</Button>
              </Form>
              <Form action={proofPaths.reject(claim.id, current.id)} csrfToken={csrfToken}>
                <input type="hidden" name="returnTo" value={returnTo} />
                <Field
                  locale={locale}
                  name="rejectionReason"
                  label={t('claims_settlement.proof.reject_reason')}
                  hint={t('claims_settlement.proof.reject_reason_hint')}
                  value={reject.rejectionReason}
                  error={state.form === 'proof_reject' ? errorFor(state.errors, 'rejectionReason') : undefined}
                  multiline
                  rows={3}
                />
                <Button variant="secondary">{t('claims_settlement.proof.reject')}</Button>
              </Form>
            </>
          ) : null}
        </>
      ) : (
        <p>{t('claims_settlement.proof.empty', { dueOn: dayText(locale, view.dueOn) })}</p>
      )}
      {canHandle && !view.oathRequest && !finished && current?.status !== 'accepted' ? (
        <Form action={proofPaths.oathRequest(claim.id)} csrfToken={csrfToken}>
          <input type="hidden" name="returnTo" value={returnTo} />
          <Field
            locale={locale}
            name="oathNote"
            label={t('claims_settlement.proof.oath_note')}
            value={oath.oathNote}
            error={state.form === 'oath_request' ? errorFor(state.errors, 'oathNote') : undefined}
            optional
          />
          <Button variant="secondary">{t('claims_settlement.proof.request_oath')}</Button>
        </Form>
      ) : null}
      {earlier.length > 0 ? (
        <details>
          <summary>{t('claims_settlement.proof.earlier')}</summary>
          {earlier.map((proof) => (
            <div key={proof.id}>
              <h3>{t('claims_settlement.proof.submission', { number: proof.submissionNo })}</h3>
              <ProofDetails locale={locale} proof={proof} claim={claim} />
            </div>
          ))}
        </details>
      ) : null}
    </Card>
  );
}

/** The state of the insured's proof of loss in one sentence. */
export function proofStateText(locale: Locale, view: ProofOfLossView): string {
  const t = translator(locale);
  const [current] = view.proofs;
  const dueOn = dayText(locale, view.dueOn);
  if (!current) return t('claims_settlement.proof.state.none', { dueOn });
  const date = instantDayText(locale, current.signedAt, view.claim.timeZone);
  if (current.status === 'submitted') return t('claims_settlement.proof.state.submitted', { date });
  if (current.status === 'accepted') return t('claims_settlement.proof.state.accepted', { date });
  return t('claims_settlement.proof.state.rejected', { date, reason: current.rejectionReason ?? '', dueOn });
}

/** Portal, order 40: where the proof of loss stands and the way to the form. */
export function ProofStatusSection({ locale, view, isHolder }: { locale: Locale; view: ProofOfLossView; isHolder: boolean }) {
  const t = translator(locale);
  const [current] = view.proofs;
  const canSend = isHolder && (!current || current.status === 'rejected') && !['denied', 'withdrawn', 'closed', 'settled'].includes(view.claim.status);
  return (
    <Card title={t('claims_settlement.proof.title')} id={PROOF_SECTION_ID}>
      <p>{proofStateText(locale, view)}</p>
      {view.oathRequest && canSend ? <p>{t('claims_settlement.proof.oath_requested')}</p> : null}
      <p>
        <a href={proofPaths.portalForm(view.claim.id)}>{t(canSend ? 'claims_settlement.proof.fill_in' : 'claims_settlement.proof.view')}</a>
      </p>
    </Card>
  );
}
