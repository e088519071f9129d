import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { Button, CheckboxGroup, ErrorSummary, Field, PageHeading, Table } from '../../../platform/ui/components.tsx';
import { errorFor, type FormError, parseForm, says } from '../../../platform/ui/forms.ts';
import { requirePageUser } from '../../../platform/ui/page-support.tsx';
import { dutyText, formatDiaryDate } from '../diary-words.ts';
import { type DiaryPage, readDiary } from '../use-cases/read-duties.ts';
import { sendDiaryLayoutPage } from './diary-page-support.ts';
import { StateText } from './diary-views.tsx';

/**
 * The adjuster's diary (issue #4, "Adjusters have a queue with filters, their diary"): open deadlines across claims
 * by due date, filtered to mine / overdue / due before a date, a page at a time. A GET form, so a view can be
 * bookmarked; overdue rows say "Overdue" in words. The same use case as GET /api/v1/claims/diary.
 */

const PATH = '/backoffice/claims/diary';
const PAGE_SIZE = 50;

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const filterForm = z.object({
  mine: z.preprocess(blankToUndefined, z.literal('yes').optional()),
  overdue: z.preprocess(blankToUndefined, z.literal('yes').optional()),
  dueBefore: z.preprocess(blankToUndefined, z.iso.date(says('claims_diary.form.date_invalid')).optional()),
  cursor: z.preprocess(blankToUndefined, z.string().max(200).optional()),
});
type Filter = { mine?: string | undefined; overdue?: string | undefined; dueBefore?: string | undefined };

function nextHref(filter: Filter, cursor: string): string {
  const query = new URLSearchParams();
  if (filter.mine) query.set('mine', 'yes');
  if (filter.overdue) query.set('overdue', 'yes');
  if (filter.dueBefore) query.set('dueBefore', filter.dueBefore);
  query.set('cursor', cursor);
  return `${PATH}?${query.toString()}`;
}

export function registerDiaryListPage(app: TypedApp, deps: Deps): void {
  app.get<{ Querystring: Record<string, unknown> }>(PATH, { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'claims:read_all');
    if (!actor) return reply;
    const locale = request.locale;
    const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params);
    const raw = Object.fromEntries(Object.entries(request.query ?? {}).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
    const parsed = parseForm(locale, filterForm, raw);
    const filter: Filter = parsed.ok ? parsed.data : { mine: raw.mine === 'yes' ? 'yes' : undefined, overdue: raw.overdue === 'yes' ? 'yes' : undefined };
    const errors: FormError[] = parsed.ok ? [] : parsed.errors;
    const page: DiaryPage | null = parsed.ok
      ? await readDiary(deps, actor, {
          mine: parsed.data.mine === 'yes',
          overdue: parsed.data.overdue === 'yes',
          dueBefore: parsed.data.dueBefore,
          cursor: parsed.data.cursor,
          limit: PAGE_SIZE,
        })
      : null;
    const title = t('claims_diary.list.title');
    return sendDiaryLayoutPage(
      deps,
      request,
      reply,
      { title, status: parsed.ok ? 200 : 400, currentPath: PATH },
      <>
        <PageHeading title={title} lead={t('claims_diary.list.lead')} />
        <form method="get" action={PATH} aria-label={t('claims_diary.list.filter')} novalidate>
          <ErrorSummary locale={locale} errors={errors} />
          <CheckboxGroup
            locale={locale}
            name="mine"
            legend={t('claims_diary.list.show')}
            options={[{ value: 'yes', label: t('claims_diary.list.mine') }]}
            selected={filter.mine ? ['yes'] : []}
          />
          <CheckboxGroup
            locale={locale}
            name="overdue"
            legend={t('claims_diary.list.which')}
            options={[{ value: 'yes', label: t('claims_diary.list.overdue') }]}
            selected={filter.overdue ? ['yes'] : []}
          />
          <Field
            locale={locale}
            name="dueBefore"
            type="date"
            width="medium"
            optional
            label={t('claims_diary.list.due_before')}
            value={typeof raw.dueBefore === 'string' ? raw.dueBefore : undefined}
            error={errorFor(errors, 'dueBefore')}
          />
          <Button>{t('claims_diary.list.submit')}</Button>
        </form>
        {page ? (
          <>
            <Table
              caption={t('claims_diary.list.caption')}
              columns={[
                { header: t('claims_diary.column.due'), cell: (row) => formatDiaryDate(locale, row.dueOn), rowHeader: true },
                { header: t('claims_diary.column.claim'), cell: (row) => <a href={`/backoffice/claims/${row.claimId}#diary`}>{row.claimNumber}</a> },
                { header: t('claims_diary.column.what'), cell: (row) => dutyText(locale, row.kind, row.note) },
                { header: t('claims_diary.column.party'), cell: (row) => t(`claims_diary.party.${row.party}`) },
                { header: t('claims_diary.column.clause'), cell: (row) => row.clause },
                { header: t('claims_diary.column.status'), cell: (row) => <StateText locale={locale} state={row.state} /> },
              ]}
              rows={page.items}
              rowKey={(row) => row.id}
              empty={t('claims_diary.list.empty')}
            />
            {page.nextCursor ? (
              <p>
                <a href={nextHref(filter, page.nextCursor)}>{t('claims_diary.list.next')}</a>
              </p>
            ) : null}
          </>
        ) : null}
      </>,
    );
  });
}
