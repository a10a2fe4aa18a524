import { Form, Link, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { QuestionDef } from '~/models/questions/shared'
import { QuestionFields, type QuestionFormState } from './question-fields'
import type { PanelSession } from './lottery-panel'

/** The application (or its change): who, siblings together or not, ranked sessions — a plain form post. */
export function ApplicationForm(props: {
  audience: string
  sessions: PanelSession[]
  labels: Map<string, string>
  choiceCount: number
  entry: { together: boolean; childIds: string[]; choices: string[] } | null
  kids: { id: string; name: string }[]
  questions: QuestionDef[]
  questionState: QuestionFormState
}) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const { entry, labels, choiceCount, kids, questions, questionState } = props
  const forAttendee = questions.filter((q) => q.scope === 'attendee')
  const forBooking = questions.filter((q) => q.scope === 'booking')
  return (
    <Form method="post" className="stack" replace>
      <input type="hidden" name="intent" value="apply" />
      {props.audience === 'child' ? (
        <fieldset>
          <legend>{t('lottery.whoFor')}</legend>
          {kids.length === 0 ? (
            <p>
              {t('programme.noChildren')} <Link to="/me/children">{t('programme.addChild')}</Link>
            </p>
          ) : null}
          {kids.map((child) => (
            <label key={child.id} className="check">
              <input type="checkbox" name="childId" value={child.id} defaultChecked={entry ? entry.childIds.includes(child.id) : true} />{' '}
              {child.name}
            </label>
          ))}
          {kids.length > 1 ? (
            <label className="check">
              <input type="checkbox" name="together" defaultChecked={entry ? entry.together : true} /> {t('lottery.together')}
            </label>
          ) : (
            <input type="hidden" name="together" value="on" />
          )}
        </fieldset>
      ) : (
        <input type="hidden" name="together" value="on" />
      )}
      {forAttendee.length
        ? (props.audience === 'child' ? kids.map((k) => ({ token: k.id, name: k.name })) : [{ token: 'self', name: '' }]).map((who) => (
            <fieldset key={who.token} className="questions">
              <legend>{who.name ? t('questions.forChild', { name: who.name }) : t('questions.title')}</legend>
              <QuestionFields questions={forAttendee} attendee={who.token} state={questionState} all={questions} />
            </fieldset>
          ))
        : null}
      {forBooking.length ? (
        <fieldset className="questions">
          <legend>{t('questions.forBooking')}</legend>
          <QuestionFields questions={forBooking} attendee="*" state={questionState} all={questions} />
        </fieldset>
      ) : null}
      <fieldset>
        <legend>{t('lottery.choices')}</legend>
        {Array.from({ length: choiceCount }, (_, i) => (
          <label key={i} className="field">
            <span>{t('lottery.choiceN', { n: i + 1 })}</span>
            <select name={`choice${i + 1}`} defaultValue={entry?.choices[i] ?? (i === 0 ? props.sessions[0].id : '')} required={i === 0}>
              {i > 0 ? <option value="">{t('lottery.noChoice')}</option> : null}
              {props.sessions.map((s) => (
                <option key={s.id} value={s.id}>
                  {labels.get(s.id)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
        {entry ? t('lottery.update') : t('lottery.apply')}
      </button>
    </Form>
  )
}
