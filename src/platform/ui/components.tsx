import type { ComponentChildren } from 'preact';
import { CSRF_FIELD } from '../http/request-context.ts';

/**
 * Accessible building blocks for server-rendered pages. Props that show text take strings the page
 * has already translated (translate(locale, key)); components that add words of their own (error
 * prefix, "optional") take the locale. Field-level pieces live in fields.tsx and are re-exported here.
 */
export {
  CheckboxGroup,
  type ChoiceGroupProps,
  type ChoiceOption,
  ErrorSummary,
  type ErrorSummaryProps,
  Field,
  type FieldProps,
  fieldId,
  RadioGroup,
} from './fields.tsx';

/** The hidden field every POST form carries; checked by platform/http/csrf.ts. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

export type FormProps = {
  action: string;
  csrfToken: string;
  children: ComponentChildren;
  /**
   * Progressive enhancement: with htmx the form is posted in the background and the response swapped
   * into `hxTarget`; without JavaScript the same form does a normal POST, so every form still works.
   */
  hxPost?: boolean;
  hxTarget?: string;
  hxSwap?: string;
  hxSelect?: string;
  /** Needed for file uploads (appraisals, receipts). */
  multipart?: boolean;
  id?: string;
  class?: string;
  'aria-label'?: string;
  'aria-labelledby'?: string;
};

export function Form(props: FormProps) {
  return (
    <form
      method="post"
      action={props.action}
      enctype={props.multipart ? 'multipart/form-data' : undefined}
      // The server validates and answers in the user's language with an error summary; browser
      // bubbles would be in the browser's language and invisible to the summary.
      novalidate
      id={props.id}
      class={props.class}
      aria-label={props['aria-label']}
      aria-labelledby={props['aria-labelledby']}
      hx-post={props.hxPost ? props.action : undefined}
      hx-target={props.hxPost ? props.hxTarget : undefined}
      hx-swap={props.hxPost ? props.hxSwap : undefined}
      hx-select={props.hxPost ? props.hxSelect : undefined}
    >
      <CsrfField token={props.csrfToken} />
      {props.children}
    </form>
  );
}

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'link';

export type ButtonProps = {
  children: ComponentChildren;
  type?: 'submit' | 'button' | 'reset';
  variant?: ButtonVariant;
  name?: string;
  value?: string;
  disabled?: boolean;
  /** A fuller name for screen readers when the visible text is short, e.g. "Revoke token Backup". */
  'aria-label'?: string;
  'aria-pressed'?: 'true' | 'false';
  lang?: string;
  id?: string;
};

export function Button({ children, type = 'submit', variant = 'primary', ...rest }: ButtonProps) {
  return (
    <button type={type} class={`button button--${variant}`} {...rest}>
      {children}
    </button>
  );
}

/** A link styled as a button, for actions that only navigate (GET), e.g. "Create a staff user". */
export function ButtonLink({ href, children, variant = 'secondary' }: { href: string; children: ComponentChildren; variant?: ButtonVariant }) {
  return (
    <a href={href} class={`button button--${variant}`}>
      {children}
    </a>
  );
}

export type PageHeadingProps = {
  title: string;
  /** A short line above the heading naming the context, e.g. the policy number. */
  caption?: string;
  lead?: string;
};

export function PageHeading({ title, caption, lead }: PageHeadingProps) {
  return (
    <div class="page-heading">
      {caption ? <p class="page-heading__caption">{caption}</p> : null}
      <h1>{title}</h1>
      {lead ? <p class="lead">{lead}</p> : null}
    </div>
  );
}

export type CardProps = {
  title: string;
  /** Gives the section an accessible name (aria-labelledby) so it is listed as a region. */
  id?: string;
  headingLevel?: 2 | 3;
  children: ComponentChildren;
};

export function Card({ title, id, headingLevel = 2, children }: CardProps) {
  const headingId = id ? `${id}-heading` : undefined;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section class="card" id={id} aria-labelledby={headingId}>
      <Heading id={headingId} class="card__title">
        {title}
      </Heading>
      {children}
    </section>
  );
}

export type PanelKind = 'info' | 'success' | 'warning' | 'error';

/** A highlighted note inside a page, e.g. "Copy this token now"; not announced, unlike the flash. */
export function Panel({ kind = 'info', title, children }: { kind?: PanelKind; title?: string; children: ComponentChildren }) {
  return (
    <div class={`panel panel--${kind}`}>
      {title ? <p class="panel__title">{title}</p> : null}
      {children}
    </div>
  );
}

export type Column<Row> = {
  header: string;
  cell: (row: Row) => ComponentChildren;
  /** Right-aligned with tabular figures, for amounts and counts. */
  numeric?: boolean;
  /** This column names the row (th scope="row"), so screen readers announce it with each cell. */
  rowHeader?: boolean;
};

export type TableProps<Row> = {
  caption: string;
  /** Hide the caption visually when a heading right above already says the same. */
  captionHidden?: boolean;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Shown instead of the table when there are no rows. */
  empty: string;
};

export function Table<Row>({ caption, captionHidden, columns, rows, rowKey, empty }: TableProps<Row>) {
  if (rows.length === 0) return <p class="empty">{empty}</p>;
  return (
    // A wide table scrolls inside this region; it must be focusable so keyboard users can scroll it.
    <section class="table-wrap" aria-label={caption} tabindex={0}>
      <table>
        <caption class={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" class={column.numeric ? 'numeric' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) =>
                column.rowHeader ? <th scope="row">{column.cell(row)}</th> : <td class={column.numeric ? 'numeric' : undefined}>{column.cell(row)}</td>,
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Label–value pairs, e.g. a profile or a policy summary. */
export function SummaryList({ items }: { items: readonly { term: string; value: ComponentChildren }[] }) {
  return (
    <dl class="summary-list">
      {items.map((item) => (
        <div class="summary-list__row" key={item.term}>
          <dt>{item.term}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function VisuallyHidden({ children }: { children: ComponentChildren }) {
  return <span class="visually-hidden">{children}</span>;
}
