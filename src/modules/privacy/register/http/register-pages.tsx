import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../../../platform/db/schema.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { type MessageKey, translate } from '../../../../platform/i18n/index.ts';
import { ButtonLink, Card, PageHeading, SummaryList, Table } from '../../../../platform/ui/components.tsx';
import { requirePageUser, sendLayoutPage, translator } from '../../../../platform/ui/page-support.tsx';
import type { ErasureAction, Provenance, Purpose } from '../../domain/data-map-types.ts';
import { isRetentionRuleId, type RetentionRule } from '../../domain/retention-rules.ts';
import type { RegisterGroup } from '../domain/register.ts';
import { readRegister } from '../read-register.ts';

/**
 * The register of processing in the back office (PRV-USE-1, PRV-COLLECT-1, PRV-COLLECT-2): one card per
 * purpose with its data categories, tables and columns, provenance, retention and erasure; then the
 * retention rules. The same data as GET /api/v1/privacy/register, and a link to the CSV.
 */

export const REGISTER_PATH = '/backoffice/privacy/register';

export function purposeLabel(locale: Locale, purpose: Purpose): string {
  const key: MessageKey = `privacy.purpose.${purpose}`;
  return translate(locale, key);
}

export function provenanceLabel(locale: Locale, provenance: Provenance): string {
  const key: MessageKey = `privacy.provenance.${provenance}`;
  return translate(locale, key);
}

export function erasureLabel(locale: Locale, erasure: ErasureAction): string {
  switch (erasure.action) {
    case 'delete':
      return translate(locale, 'privacy.erasure.delete');
    case 'anonymise':
      return translate(locale, 'privacy.erasure.anonymise');
    case 'keep':
      return translate(locale, 'privacy.erasure.keep', { basis: erasure.basis });
  }
}

export function retentionLabel(locale: Locale, ruleId: string): string {
  return isRetentionRuleId(ruleId) ? translate(locale, `privacy.retention.rule.${ruleId}`) : ruleId;
}

function PurposeCard({ locale, group }: { locale: Locale; group: RegisterGroup }) {
  const t = translator(locale);
  return (
    <Card id={`purpose-${group.purpose.replaceAll('.', '-')}`} title={purposeLabel(locale, group.purpose)}>
      <SummaryList
        items={[
          { term: t('privacy.register.categories'), value: group.categories.join(', ') },
          {
            term: t('privacy.register.tables'),
            value: (
              <ul>
                {group.tables.map((table) => (
                  <li key={table.table}>
                    <code>{table.table}</code>: {table.columns.join(', ')}
                  </li>
                ))}
              </ul>
            ),
          },
          { term: t('privacy.register.provenance'), value: group.provenance.map((provenance) => provenanceLabel(locale, provenance)).join(', ') },
          {
            term: t('privacy.register.retention'),
            value: (
              <ul>
                {group.retention.map((rule) => (
                  <li key={rule}>{retentionLabel(locale, rule)}</li>
                ))}
              </ul>
            ),
          },
          {
            term: t('privacy.register.erasure'),
            value: (
              <ul>
                {group.erasure.map((erasure) => (
                  <li key={erasureLabel(locale, erasure)}>{erasureLabel(locale, erasure)}</li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </Card>
  );
}

function RulesTable({ locale, rules }: { locale: Locale; rules: readonly RetentionRule[] }) {
  const t = translator(locale);
  return (
    <Table
      caption={t('privacy.register.rules')}
      columns={[
        { header: t('privacy.register.rule'), cell: (rule: RetentionRule) => <code>{rule.id}</code>, rowHeader: true },
        { header: t('privacy.register.period'), cell: (rule: RetentionRule) => retentionLabel(locale, rule.id) },
        { header: t('privacy.register.basis'), cell: (rule: RetentionRule) => rule.basis },
      ]}
      rows={rules}
      rowKey={(rule) => rule.id}
      empty=""
    />
  );
}

async function sendRegisterPage(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const actor = requirePageUser(request, reply, 'privacy:read');
  if (!actor) return reply;
  const register = readRegister(actor);
  const locale = request.locale;
  const t = translator(locale);
  return sendLayoutPage(
    request,
    reply,
    { title: t('privacy.register.title') },
    <>
      <PageHeading title={t('privacy.register.title')} lead={t('privacy.register.lead')} />
      <p>
        <ButtonLink href="/api/v1/privacy/register.csv">{t('privacy.register.csv')}</ButtonLink>
      </p>
      {register.purposes.map((group) => (
        <PurposeCard key={group.purpose} locale={locale} group={group} />
      ))}
      <RulesTable locale={locale} rules={register.rules} />
    </>,
    async () => undefined,
  );
}

export function registerRegisterPages(app: TypedApp, _deps: Deps): void {
  app.get(REGISTER_PATH, { schema: { hide: true } }, sendRegisterPage);
}
