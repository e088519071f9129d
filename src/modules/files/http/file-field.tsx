import type { Locale } from '../../../platform/db/schema.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { fieldId } from '../../../platform/ui/components.tsx';
import { EXTENSIONS, FILE_TYPES } from '../domain/file-type.ts';
import { sizeText } from '../errors.ts';

/** What the file picker offers: the accepted types and their extensions (the server checks the content anyway). */
const ACCEPT = [...FILE_TYPES, ...FILE_TYPES.flatMap((type) => EXTENSIONS[type])].join(',');

/**
 * A file input in the pattern of platform/ui Field (label for/id, hint and error linked by
 * aria-describedby, error before the input), for forms posted as multipart (files/http/multipart-forms.ts).
 * A browser cannot be given a file back, so after an error the person chooses it again.
 */
export function FileField(props: { locale: Locale; name: string; label: string; hint?: string; error?: string; optional?: boolean }) {
  const id = fieldId(props.name);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
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
      {errorId && props.error ? (
        <p class="field__error" id={errorId}>
          <span class="visually-hidden">{translate(props.locale, 'form.error_prefix')} </span>
          {props.error}
        </p>
      ) : null}
      <input
        id={id}
        name={props.name}
        type="file"
        class="field__input field__input--full"
        accept={ACCEPT}
        aria-describedby={describedBy}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </div>
  );
}

/** The hint under an appraisal file field: the size limit as people read it. */
export function appraisalFileHint(locale: Locale, limitBytes: number): string {
  return translate(locale, 'files.form.appraisal_file_hint', { limit: sizeText(limitBytes) });
}
