import { Form } from '@remix-run/react'

/** A collapsed form that asks why before it removes or cancels something (the reason is mailed). */
export function ReasonForm(props: {
  title: string
  reasonLabel: string
  intent: string
  hidden?: Record<string, string>
  className?: string
}) {
  return (
    <details className={props.className}>
      <summary>{props.title}</summary>
      <Form method="post">
        {Object.entries(props.hidden ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <label className="field">
          <span>{props.reasonLabel}</span>
          <textarea name="reason" required maxLength={500} rows={2} />
        </label>
        <button type="submit" name="intent" value={props.intent} className="danger">
          {props.title}
        </button>
      </Form>
    </details>
  )
}
