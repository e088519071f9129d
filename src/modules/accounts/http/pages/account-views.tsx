import type { Permission } from '../../../../platform/auth/access.ts';
import type { Locale } from '../../../../platform/db/schema.ts';
import type { MessageKey } from '../../../../platform/i18n/index.ts';
import { Button, Card, CheckboxGroup, ErrorSummary, Field, Form, PageHeading, Panel, Table } from '../../../../platform/ui/components.tsx';
import type { Account, ApiTokenSummary } from '../../accounts-repository.ts';
import type { CreatedApiToken } from '../../use-cases/create-api-token.ts';
import { LanguageChoice } from './common-fields.tsx';
import { errorFor, type FormState } from './forms.ts';
import { translator } from './page-support.tsx';

export const SCOPE_LABELS: Record<Permission, MessageKey> = {
  'profile:read': 'scope.profile:read',
  'profile:write': 'scope.profile:write',
  'tokens:manage_own': 'scope.tokens:manage_own',
  'users:read': 'scope.users:read',
  'users:manage': 'scope.users:manage',
  'audit:read': 'scope.audit:read',
  'jobs:read': 'scope.jobs:read',
  'jobs:manage': 'scope.jobs:manage',
  'backoffice:enter': 'scope.backoffice:enter',
  'portal:enter': 'scope.portal:enter',
  'products:read': 'scope.products:read',
  'products:manage': 'scope.products:manage',
  'policies:apply': 'scope.policies:apply',
  'policies:read_all': 'scope.policies:read_all',
  'policies:underwrite': 'scope.policies:underwrite',
  'policies:void': 'scope.policies:void',
  'policies:reinstate': 'scope.policies:reinstate',
  'policies:assign': 'scope.policies:assign',
  'renewals:manage': 'scope.renewals:manage',
  'billing:read': 'scope.billing:read',
  'billing:manage': 'scope.billing:manage',
  'incidents:manage': 'scope.incidents:manage',
  'privacy:read': 'scope.privacy:read',
  'privacy:manage': 'scope.privacy:manage',
  'claims:report': 'scope.claims:report',
  'claims:read_all': 'scope.claims:read_all',
  'claims:handle': 'scope.claims:handle',
  'claims:pay': 'scope.claims:pay',
  'claims:manage_authority': 'scope.claims:manage_authority',
};

export type AccountViewProps = {
  locale: Locale;
  csrfToken: string;
  formatTime: (instant: string) => string;
  account: Account;
  tokens: readonly ApiTokenSummary[] | null;
  /** The scopes this user may give a token: their own permissions. */
  grantable: readonly Permission[];
  profile: FormState;
  tokenForm: FormState & { scopes: readonly string[] };
  /** Just created: its secret is shown on this one page and never again. */
  created?: CreatedApiToken;
};

export function AccountView(props: AccountViewProps) {
  const t = translator(props.locale);
  return (
    <>
      <PageHeading title={t('account.title')} />
      {props.created ? <CreatedToken locale={props.locale} created={props.created} /> : null}
      <ProfileCard {...props} />
      {props.tokens ? <TokensCard {...props} tokens={props.tokens} /> : null}
    </>
  );
}

function ProfileCard({ locale, csrfToken, account, profile }: AccountViewProps) {
  const t = translator(locale);
  return (
    <Card id="profile" title={t('account.profile.title')}>
      <ErrorSummary locale={locale} errors={profile.errors} />
      <Form action="/account/profile" csrfToken={csrfToken}>
        <Field
          locale={locale}
          name="displayName"
          label={t('account.profile.name')}
          autocomplete="name"
          maxLength={120}
          value={profile.values.displayName ?? account.displayName}
          error={errorFor(profile.errors, 'displayName')}
        />
        <Field
          locale={locale}
          name="email"
          id="profile-email"
          type="email"
          label={t('account.profile.email')}
          hint={t('account.profile.email_hint')}
          value={account.email}
          readOnly
        />
        <LanguageChoice locale={locale} selected={profile.values.locale ?? account.locale} errors={profile.errors} />
        <Button>{t('form.save')}</Button>
      </Form>
    </Card>
  );
}

function CreatedToken({ locale, created }: { locale: Locale; created: CreatedApiToken }) {
  const t = translator(locale);
  return (
    <Panel kind="success" title={t('account.tokens.created.title')}>
      <p>{t('account.tokens.created.warning')}</p>
      <Field locale={locale} name="newToken" label={created.name} value={created.token} readOnly autocomplete="off" spellcheck={false} />
    </Panel>
  );
}

function TokensCard({ locale, csrfToken, formatTime, tokens, grantable, tokenForm }: AccountViewProps & { tokens: readonly ApiTokenSummary[] }) {
  const t = translator(locale);
  return (
    <Card id="tokens" title={t('account.tokens.title')}>
      <p>{t('account.tokens.lead')}</p>
      <Table
        caption={t('account.tokens.caption')}
        rows={tokens}
        rowKey={(token) => token.id}
        empty={t('account.tokens.empty')}
        columns={[
          { header: t('account.tokens.column.name'), rowHeader: true, cell: (token) => token.name },
          { header: t('account.tokens.column.prefix'), cell: (token) => <code>{token.prefix}…</code> },
          { header: t('account.tokens.column.scopes'), cell: (token) => token.scopes.join(', ') },
          { header: t('account.tokens.column.created'), cell: (token) => formatTime(token.createdAt) },
          { header: t('account.tokens.column.last_used'), cell: (token) => (token.lastUsedAt ? formatTime(token.lastUsedAt) : t('account.tokens.never_used')) },
          { header: t('account.tokens.column.expires'), cell: (token) => (token.expiresAt ? formatTime(token.expiresAt) : t('account.tokens.no_expiry')) },
          {
            header: t('table.actions'),
            cell: (token) =>
              token.revokedAt ? (
                t('account.tokens.revoked_state')
              ) : (
                <Form action={`/account/tokens/${token.id}/revoke`} csrfToken={csrfToken} class="inline-form">
                  <Button variant="secondary" aria-label={t('account.tokens.revoke_label', { name: token.name })}>
                    {t('account.tokens.revoke')}
                  </Button>
                </Form>
              ),
          },
        ]}
      />
      <h3>{t('account.tokens.create.title')}</h3>
      <ErrorSummary locale={locale} errors={tokenForm.errors} />
      <Form action="/account/tokens" csrfToken={csrfToken}>
        <Field
          locale={locale}
          name="name"
          label={t('account.tokens.create.name')}
          hint={t('account.tokens.create.name_hint')}
          autocomplete="off"
          maxLength={100}
          value={tokenForm.values.name}
          error={errorFor(tokenForm.errors, 'name')}
        />
        <CheckboxGroup
          locale={locale}
          name="scopes"
          legend={t('account.tokens.create.scopes')}
          options={grantable.map((scope) => ({ value: scope, label: t(SCOPE_LABELS[scope]), hint: scope }))}
          selected={tokenForm.scopes}
          error={errorFor(tokenForm.errors, 'scopes')}
        />
        <Field
          locale={locale}
          name="expiresInDays"
          type="number"
          inputMode="numeric"
          width="short"
          optional
          label={t('account.tokens.create.expires')}
          hint={t('account.tokens.create.expires_hint')}
          value={tokenForm.values.expiresInDays}
          error={errorFor(tokenForm.errors, 'expiresInDays')}
        />
        <Button>{t('account.tokens.create.submit')}</Button>
      </Form>
    </Card>
  );
}
