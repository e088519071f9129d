import { ROLES } from '../../../../platform/auth/actor.ts';
import type { Locale, UserStatus } from '../../../../platform/db/schema.ts';
import type { MessageKey } from '../../../../platform/i18n/index.ts';
import { Button, Card, CheckboxGroup, ErrorSummary, Field, Form, fieldId, PageHeading, SummaryList, Table } from '../../../../platform/ui/components.tsx';
import type { Account } from '../../accounts-repository.ts';
import type { AccountPage } from '../../use-cases/read-accounts.ts';
import { LanguageChoice } from './common-fields.tsx';
import { errorFor, type FormError, type FormState } from './forms.ts';
import { ROLE_LABELS, translator } from './page-support.tsx';

export const STATUS_LABELS: Record<UserStatus, MessageKey> = {
  pending_confirmation: 'user_status.pending_confirmation',
  active: 'user_status.active',
  disabled: 'user_status.disabled',
};

type Common = { locale: Locale; csrfToken: string; canManage: boolean; formatTime: (instant: string) => string };

function roleList(locale: Locale, account: Account): string {
  const t = translator(locale);
  return account.roles.length > 0 ? account.roles.map((role) => t(ROLE_LABELS[role])).join(', ') : t('users.no_roles');
}

/** The roles as checkboxes (field `roles`), the same when a user is created and when their roles change. */
function RolesChoice({ locale, selected, errors }: { locale: Locale; selected: readonly string[]; errors: readonly FormError[] }) {
  const t = translator(locale);
  return (
    <CheckboxGroup
      locale={locale}
      name="roles"
      legend={t('users.create.roles')}
      hint={t('users.create.roles_hint')}
      options={ROLES.map((role) => ({ value: role, label: t(ROLE_LABELS[role]) }))}
      selected={selected}
      error={errorFor(errors, 'roles')}
    />
  );
}

function usersHref(query: { search?: string | undefined; cursor?: string | undefined }): string {
  const params = new URLSearchParams();
  if (query.search) params.set('search', query.search);
  if (query.cursor) params.set('cursor', query.cursor);
  const text = params.toString();
  return text ? `/backoffice/users?${text}` : '/backoffice/users';
}

export type UsersViewProps = Common & {
  list: AccountPage;
  search: string | undefined;
  onLaterPage: boolean;
  searchError?: string | undefined;
  /** The create form: typed values, ticked roles and errors of the last attempt. */
  create: FormState & { roles: readonly string[] };
};

export function UsersView(props: UsersViewProps) {
  const { locale } = props;
  const t = translator(locale);
  return (
    <>
      <PageHeading title={t('users.title')} />
      <search>
        <form method="get" action="/backoffice/users">
          <Field
            locale={locale}
            name="search"
            type="search"
            label={t('users.search.label')}
            value={props.search}
            error={props.searchError}
            width="medium"
            spellcheck={false}
          />
          <Button variant="secondary">{t('users.search.submit')}</Button>
        </form>
      </search>
      <Table
        caption={t('users.caption')}
        rows={props.list.items}
        rowKey={(account) => account.id}
        empty={t('users.empty')}
        columns={[
          { header: t('users.column.name'), rowHeader: true, cell: (account) => <a href={`/backoffice/users/${account.id}`}>{account.displayName}</a> },
          { header: t('users.column.email'), cell: (account) => account.email },
          { header: t('users.column.roles'), cell: (account) => roleList(locale, account) },
          { header: t('users.column.status'), cell: (account) => t(STATUS_LABELS[account.status]) },
          { header: t('users.column.created'), cell: (account) => props.formatTime(account.createdAt) },
        ]}
      />
      {props.onLaterPage || props.list.nextCursor ? (
        <nav aria-label={t('users.pagination.label')}>
          <ul>
            {props.onLaterPage ? (
              <li>
                <a href={usersHref({ search: props.search })}>{t('users.pagination.first')}</a>
              </li>
            ) : null}
            {props.list.nextCursor ? (
              <li>
                <a href={usersHref({ search: props.search, cursor: props.list.nextCursor })} rel="next">
                  {t('users.pagination.next')}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
      {props.canManage ? <CreateUserForm {...props} /> : null}
    </>
  );
}

function CreateUserForm({ locale, csrfToken, create }: UsersViewProps) {
  const t = translator(locale);
  return (
    <Card id="create-user" title={t('users.create.title')}>
      <p>{t('users.create.hint')}</p>
      <ErrorSummary locale={locale} errors={create.errors} />
      <Form action="/backoffice/users" csrfToken={csrfToken}>
        <Field
          locale={locale}
          name="email"
          type="email"
          label={t('users.create.email')}
          autocomplete="off"
          spellcheck={false}
          value={create.values.email}
          error={errorFor(create.errors, 'email')}
        />
        <Field
          locale={locale}
          name="displayName"
          label={t('users.create.name')}
          autocomplete="off"
          maxLength={120}
          value={create.values.displayName}
          error={errorFor(create.errors, 'displayName')}
        />
        <LanguageChoice locale={locale} selected={create.values.locale ?? locale} errors={create.errors} />
        <RolesChoice locale={locale} selected={create.roles} errors={create.errors} />
        <Button>{t('users.create.submit')}</Button>
      </Form>
    </Card>
  );
}

export type UserViewProps = Common & { account: Account; errors: readonly FormError[]; roles: readonly string[] };

export function UserView({ locale, csrfToken, canManage, formatTime, account, errors, roles }: UserViewProps) {
  const t = translator(locale);
  const name = account.displayName;
  return (
    <>
      <p>
        <a href="/backoffice/users">{t('users.all')}</a>
      </p>
      <PageHeading title={name} caption={t('users.title')} />
      <ErrorSummary locale={locale} errors={errors} />
      <SummaryList
        items={[
          { term: t('users.column.email'), value: account.email },
          { term: t('users.column.roles'), value: roleList(locale, account) },
          { term: t('users.column.status'), value: t(STATUS_LABELS[account.status]) },
          { term: t('users.column.created'), value: formatTime(account.createdAt) },
        ]}
      />
      {canManage ? (
        <>
          <Card id="roles" title={t('users.roles.title', { name })}>
            <Form action={`/backoffice/users/${account.id}/roles`} csrfToken={csrfToken}>
              <RolesChoice locale={locale} selected={roles} errors={errors} />
              <Button>{t('users.roles.submit')}</Button>
            </Form>
          </Card>
          <Card id="status" title={t('users.column.status')}>
            <Form action={`/backoffice/users/${account.id}/status`} csrfToken={csrfToken}>
              {account.status === 'disabled' ? (
                <>
                  <input type="hidden" name="status" value="active" />
                  <Button id={fieldId('status')}>{t('users.enable.submit')}</Button>
                </>
              ) : (
                <>
                  <p>{t('users.disable.warning')}</p>
                  <input type="hidden" name="status" value="disabled" />
                  <Button id={fieldId('status')} variant="danger" aria-label={t('users.disable.label', { name })}>
                    {t('users.disable.submit')}
                  </Button>
                </>
              )}
            </Form>
          </Card>
        </>
      ) : null}
    </>
  );
}
