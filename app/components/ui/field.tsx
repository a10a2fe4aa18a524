import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any field shape conform gives us
type AnyField = FieldMetadata<any>

type InputType = 'text' | 'email' | 'password' | 'tel' | 'date' | 'number' | 'datetime-local' | 'time'

function FieldShell(props: { id: string; label: string; hint?: string; errors?: string[]; children: React.ReactNode }) {
  const { t } = useTranslation()
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.hint ? (
        <p className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.errors?.length ? (
        <p className="field-error" id={`${props.id}-error`} role="alert">
          {props.errors.map((e) => t(e)).join(' ')}
        </p>
      ) : null}
    </div>
  )
}

/** A labelled input whose zod errors (i18n keys) are shown in the reader's language. */
export function Field(props: {
  meta: AnyField
  label: string
  type?: InputType
  hint?: string
  autoComplete?: string
  defaultValue?: string
}) {
  const { meta } = props
  const inputProps = getInputProps(meta, { type: props.type ?? 'text' })
  return (
    <FieldShell id={meta.id} label={props.label} hint={props.hint} errors={meta.errors}>
      <input
        {...inputProps}
        key={inputProps.key}
        defaultValue={props.defaultValue ?? inputProps.defaultValue}
        autoComplete={props.autoComplete}
        aria-describedby={
          [meta.errors?.length ? `${meta.id}-error` : '', props.hint ? `${meta.id}-hint` : ''].join(' ').trim() || undefined
        }
      />
    </FieldShell>
  )
}

export function SelectField(props: { meta: AnyField; label: string; options: { value: string; label: string }[]; defaultValue?: string }) {
  const { t } = useTranslation()
  const selectProps = getSelectProps(props.meta)
  return (
    <FieldShell id={props.meta.id} label={props.label} errors={props.meta.errors}>
      <select {...selectProps} key={selectProps.key} defaultValue={props.defaultValue ?? selectProps.defaultValue}>
        <option value="">—</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {t(o.label)}
          </option>
        ))}
      </select>
    </FieldShell>
  )
}

export function TextareaField(props: { meta: AnyField; label: string; hint?: string; defaultValue?: string }) {
  const textareaProps = getTextareaProps(props.meta)
  return (
    <FieldShell id={props.meta.id} label={props.label} hint={props.hint} errors={props.meta.errors}>
      <textarea {...textareaProps} key={textareaProps.key} defaultValue={props.defaultValue ?? textareaProps.defaultValue} rows={3} />
    </FieldShell>
  )
}

/** A checkbox with its label beside it (a consent, an option); never ticked for the member. */
export function CheckboxField(props: { meta: AnyField; label: string }) {
  const { t } = useTranslation()
  const { meta } = props
  // no conform key: a revalidation after a refused submit would remount the box and drop the tick
  const { key: _key, ...inputProps } = getInputProps(meta, { type: 'checkbox', value: 'on' })
  return (
    <div className="field field-checkbox">
      <label htmlFor={meta.id}>
        <input {...inputProps} aria-describedby={meta.errors?.length ? `${meta.id}-error` : undefined} /> {props.label}
      </label>
      {meta.errors?.length ? (
        <p className="field-error" id={`${meta.id}-error`} role="alert">
          {meta.errors.map((e: string) => t(e)).join(' ')}
        </p>
      ) : null}
    </div>
  )
}

export function FormErrors({ errors }: { errors?: string[] }) {
  const { t } = useTranslation()
  if (!errors?.length) return null
  return (
    <div className="form-error" role="alert">
      {errors.map((e) => (
        <p key={e}>{t(e)}</p>
      ))}
    </div>
  )
}

export const GENDER_OPTIONS = [
  { value: 'female', label: 'gender.female' },
  { value: 'male', label: 'gender.male' },
]

/** A new password and its confirmation (sign-up, reset, profile): the browser offers to generate and save it. */
export function NewPasswordFields(props: { password: AnyField; confirmPassword: AnyField; label: string }) {
  const { t } = useTranslation()
  return (
    <>
      <Field meta={props.password} label={props.label} type="password" autoComplete="new-password" hint={t('auth.passwordHint')} />
      <Field meta={props.confirmPassword} label={t('fields.confirmPassword')} type="password" autoComplete="new-password" />
    </>
  )
}
