import type { Locale } from '../db/schema.ts';
import { translate } from '../i18n/index.ts';

/**
 * Form fields following the GOV.UK pattern, because it is well tested with assistive technology:
 * label bound by for/id, hint and error linked by aria-describedby, error text before the input, and
 * an error summary at the top of the form that links to each field.
 */

/** The id of a field's input; ErrorSummary links to it, so both must derive it the same way. */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => Boolean(id));
  return present.length > 0 ? present.join(' ') : undefined;
}

function ErrorMessage({ locale, id, message }: { locale: Locale; id: string; message: string }) {
  return (
    <p class="field__error" id={id}>
      <span class="visually-hidden">{translate(locale, 'form.error_prefix')} </span>
      {message}
    </p>
  );
}

export type FieldProps = {
  locale: Locale;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'tel' | 'number' | 'date' | 'url' | 'search';
  value?: string;
  hint?: string;
  error?: string;
  /** WCAG 1.3.5: say what personal data a field holds ('email', 'name', 'new-password', 'off', …). */
  autocomplete?: string;
  required?: boolean;
  /** Adds "(optional)" to the label; most fields are required, so the exceptions are marked. */
  optional?: boolean;
  readOnly?: boolean;
  multiline?: boolean;
  rows?: number;
  maxLength?: number;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'email' | 'tel' | 'url' | 'search';
  spellcheck?: boolean;
  width?: 'short' | 'medium' | 'full';
  id?: string;
};

export function Field(props: FieldProps) {
  const id = props.id ?? fieldId(props.name);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const common = {
    id,
    name: props.name,
    class: `field__input field__input--${props.width ?? 'full'}`,
    required: props.required,
    readOnly: props.readOnly,
    maxLength: props.maxLength,
    autocomplete: props.autocomplete,
    spellcheck: props.spellcheck,
    'aria-describedby': describedBy(hintId, errorId),
    'aria-invalid': props.error ? ('true' as const) : undefined,
  };
  // A password typed earlier is never sent back into the page, so it cannot end up in caches or logs.
  const value = props.type === 'password' ? undefined : props.value;
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label class="field__label" for={id}>
        {props.label}
        {props.optional ? <span class="field__optional"> {translate(props.locale, 'form.optional')}</span> : null}
      </label>
      {props.hint ? (
        <p class="field__hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {errorId && props.error ? <ErrorMessage locale={props.locale} id={errorId} message={props.error} /> : null}
      {props.multiline ? (
        <textarea {...common} rows={props.rows ?? 5}>
          {value ?? ''}
        </textarea>
      ) : (
        // preact types <input> as a union keyed on a literal `type`; a union-typed value needs this widening cast.
        <input {...common} type={(props.type ?? 'text') as 'text'} value={value} inputMode={props.inputMode} />
      )}
    </div>
  );
}

export type SelectOption = { value: string; label: string };

/**
 * A labelled <select>, hint and error linked as Field does (the error summary links to its id). With a
 * placeholder, an empty first option stands for "not chosen yet".
 */
export function SelectField(props: {
  locale: Locale;
  name: string;
  label: string;
  options: readonly SelectOption[];
  value: string | undefined;
  placeholder?: string;
  error?: string | undefined;
  hint?: string;
}) {
  const id = fieldId(props.name);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label class="field__label" for={id}>
        {props.label}
      </label>
      {props.hint ? (
        <p class="field__hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {errorId && props.error ? <ErrorMessage locale={props.locale} id={errorId} message={props.error} /> : null}
      <select
        id={id}
        name={props.name}
        class="field__input field__input--medium"
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export type ChoiceOption = {
  value: string;
  label: string;
  hint?: string;
  /** For options written in another language, e.g. "Nederlands" on an English page. */
  lang?: string;
};

export type ChoiceGroupProps = {
  locale: Locale;
  name: string;
  legend: string;
  options: readonly ChoiceOption[];
  /** Values that are checked. */
  selected: readonly string[];
  hint?: string;
  error?: string;
  /** Renders the legend as the page's heading, for one-question pages. */
  legendIsHeading?: boolean;
};

function ChoiceGroup({ type, ...props }: ChoiceGroupProps & { type: 'checkbox' | 'radio' }) {
  const baseId = fieldId(props.name);
  const hintId = props.hint ? `${baseId}-hint` : undefined;
  const errorId = props.error ? `${baseId}-error` : undefined;
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <fieldset class="choices" aria-describedby={describedBy(hintId, errorId)}>
        <legend class="field__label">{props.legendIsHeading ? <h1>{props.legend}</h1> : props.legend}</legend>
        {props.hint ? (
          <p class="field__hint" id={hintId}>
            {props.hint}
          </p>
        ) : null}
        {errorId && props.error ? <ErrorMessage locale={props.locale} id={errorId} message={props.error} /> : null}
        {props.options.map((option, index) => {
          // The first option carries the field's own id, so the error summary link lands on it.
          const id = index === 0 ? baseId : `${baseId}-${index}`;
          const optionHintId = option.hint ? `${id}-hint` : undefined;
          return (
            <div class="choice" key={option.value}>
              <input
                class="choice__input"
                type={type}
                id={id}
                name={props.name}
                value={option.value}
                checked={props.selected.includes(option.value)}
                aria-describedby={optionHintId}
                aria-invalid={props.error ? 'true' : undefined}
              />
              <label class="choice__label" for={id} lang={option.lang}>
                {option.label}
              </label>
              {option.hint ? (
                <p class="choice__hint" id={optionHintId}>
                  {option.hint}
                </p>
              ) : null}
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

/** Several may be chosen (roles, API token scopes). The form posts one value per checked box. */
export function CheckboxGroup(props: ChoiceGroupProps) {
  return <ChoiceGroup {...props} type="checkbox" />;
}

/** Exactly one is chosen (language). */
export function RadioGroup(props: ChoiceGroupProps) {
  return <ChoiceGroup {...props} type="radio" />;
}

export type ErrorSummaryProps = {
  locale: Locale;
  /** Same shape as FieldProblem in http/problem.ts; `field` is the input's name. */
  errors: readonly { field: string; message: string }[];
};

/**
 * Listed at the top of the form after a failed submit. `autofocus` on the heading moves focus there
 * without JavaScript, so screen-reader and keyboard users learn at once that the form was not sent.
 */
export function ErrorSummary({ locale, errors }: ErrorSummaryProps) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 class="error-summary__title" id="error-summary-title" tabindex={-1} autofocus>
        {translate(locale, 'form.error_summary_title')}
      </h2>
      <ul class="error-summary__list">
        {errors.map((error) => (
          <li key={error.field}>
            <a href={`#${fieldId(error.field)}`}>{error.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
