import { can } from '../../../platform/auth/access.ts';
import type { Locale } from '../../../platform/db/schema.ts';
import { type MessageKey, type MessageParams, translate } from '../../../platform/i18n/index.ts';
import { Card } from '../../../platform/ui/components.tsx';
import { clauseText, dateIn, dueText, dutyText, formatDiaryDate } from '../diary-words.ts';
import { isInsuredsMove } from '../domain/claim-deadlines.ts';
import { DUTY_REQUEST_RULES } from '../domain/duty-requests.ts';
import type { DutyRequest } from '../duty-repository.ts';
import { type ClaimDuties, type DiaryEntryView, mayReadDuties, readClaimDuties } from '../use-cases/read-duties.ts';
import type { ClaimSection } from './claim-sections.ts';
import { DiaryBody, diaryPagePath, examinationWhen } from './diary-views.tsx';

/**
 * The diary's sections (issue #4, "Duties and deadlines"): on the back-office claim 360 view the whole diary with the
 * duty requests, their fulfilment and the forms (order 30); on the insured's claim status page "what we need from
 * you": their open deadlines with the dates and the clause in plain words, EN/NL, and how to answer a request.
 */

export const diary360Section: ClaimSection = {
  id: 'diary',
  order: 30,
  async render({ deps, actor, locale, claim, csrfToken }) {
    const duties = await readClaimDuties(deps, actor, claim.id);
    return (
      <Card id="diary" title={translate(locale, 'claims_diary.section_title')}>
        <p>
          <a href={diaryPagePath(claim.id)}>{translate(locale, 'claims_diary.page_title', { claimNumber: claim.claimNumber })}</a>
        </p>
        <DiaryBody locale={locale} duties={duties} csrfToken={csrfToken} canHandle={can(actor, 'claims:handle')} />
      </Card>
    );
  },
};

export const answerPagePath = (claimId: string, requestId: string) => `/portal/claims/${claimId}/duty-requests/${requestId}`;

/** Deadlines that ask something of the insured; the suit limitation is a limit on them, said apart. */
function asksInsured(entry: DiaryEntryView): boolean {
  return entry.status === 'open' && isInsuredsMove(entry) && entry.kind !== 'suit_limitation';
}

function NeededItem({ locale, duties, entry }: { locale: Locale; duties: ClaimDuties; entry: DiaryEntryView }) {
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const request: DutyRequest | undefined = duties.requests.find((candidate) => candidate.id === entry.referenceId);
  const answerable = request && request.status === 'open' && DUTY_REQUEST_RULES[request.kind].answeredWithDocuments;
  return (
    <li>
      <p>
        <strong>{dutyText(locale, entry.kind, entry.note)}</strong>
        {' — '}
        {entry.state === 'overdue' ? <strong>{dueText(locale, entry.dueOn, duties.today)}</strong> : dueText(locale, entry.dueOn, duties.today)}
      </p>
      {request?.examinationOn ? (
        <p>
          {t('claims_diary.portal.examination', { when: examinationWhen(locale, request.examinationOn, request.examinationTime), place: request.place ?? '' })}
        </p>
      ) : null}
      <p class="field__hint">
        {clauseText(locale, entry.kind)} ({entry.clause})
      </p>
      {answerable ? (
        <p>
          <a href={answerPagePath(duties.claim.id, request.id)}>
            {t('claims_diary.portal.answer_link', { what: t(`claims_diary.request_kind.${request.kind}`) })}
          </a>
        </p>
      ) : null}
    </li>
  );
}

export const diaryStatusSection: ClaimSection = {
  id: 'what-we-need',
  order: 30,
  async render({ deps, actor, locale, claim }) {
    // The policyholder's own list: their agent or jeweler sees the claim's status, not what is asked of the insured.
    if (!mayReadDuties(actor, claim)) return null;
    const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
    const duties = await readClaimDuties(deps, actor, claim.id);
    const needed = duties.diary.filter(asksInsured);
    const received = duties.requests.filter((request) => request.status === 'answered' || request.status === 'fulfilled');
    const ours = duties.diary.filter((entry) => entry.status === 'open' && entry.party === 'insurer');
    const limitation = duties.diary.find((entry) => entry.kind === 'suit_limitation' && entry.status === 'open');
    return (
      <Card id="what-we-need" title={t('claims_diary.portal.title')}>
        {needed.length === 0 ? (
          <p>{t('claims_diary.portal.nothing_needed')}</p>
        ) : (
          <ul>
            {needed.map((entry) => (
              <NeededItem key={entry.id} locale={locale} duties={duties} entry={entry} />
            ))}
          </ul>
        )}
        {received.length > 0 ? (
          <>
            <h3>{t('claims_diary.portal.received_title')}</h3>
            <ul>
              {received.map((request) => (
                <li key={request.id}>
                  {t('claims_diary.portal.received', {
                    what: t(`claims_diary.request_kind.${request.kind}`),
                    date: formatDiaryDate(locale, dateIn(claim.timeZone, request.answeredAt ?? request.fulfilledAt ?? request.requestedAt)),
                  })}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {ours.length > 0 ? (
          <>
            <h3>{t('claims_diary.portal.our_deadlines')}</h3>
            <ul>
              {ours.map((entry) => (
                <li key={entry.id}>
                  {dutyText(locale, entry.kind, null)} — {dueText(locale, entry.dueOn, duties.today)}. {clauseText(locale, entry.kind)}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {limitation ? <p>{t('claims_diary.portal.suit_limitation', { date: formatDiaryDate(locale, limitation.dueOn) })}</p> : null}
      </Card>
    );
  },
};
