import { Form, useNavigation } from '@remix-run/react'
import { createContext, useContext } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime, formatWeekdays } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'

export type FormFeedback = {
  form: string
  errors?: Record<string, string[] | null>
  preview?: { startsAt: Date; endsAt: Date }[]
  values?: Record<string, string>
}

function Errors({ feedback, form }: { feedback?: FormFeedback | null; form: string }) {
  const { t } = useTranslation()
  if (!feedback || feedback.form !== form || !feedback.errors) return null
  const messages = Object.entries(feedback.errors).flatMap(([field, errs]) =>
    (errs ?? []).map((e) => `${field ? t(`organiser.fields.${field}`) + '：' : ''}${t(e)}`),
  )
  return messages.length ? (
    <div className="form-error" role="alert">
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  ) : null
}

// three forms on one page share field names (capacity, place…): ids carry the form's name,
// so every label reaches its own input
const FormName = createContext('form')

function Input({
  name,
  type = 'text',
  defaultValue,
  required = true,
}: {
  name: string
  type?: string
  defaultValue?: string
  required?: boolean
}) {
  const { t } = useTranslation()
  const id = `f-${useContext(FormName)}-${name}`
  return (
    <div className="field">
      <label htmlFor={id}>{t(`organiser.fields.${name}`)}</label>
      <input id={id} name={name} type={type} defaultValue={defaultValue} required={required} />
    </div>
  )
}

function Place({ placeZh, placeEn }: { placeZh?: string; placeEn?: string }) {
  return (
    <div className="grid-2">
      <Input name="placeZh" defaultValue={placeZh} />
      <Input name="placeEn" defaultValue={placeEn} />
    </div>
  )
}

function Submit({ intent, label }: { intent: string; label: string }) {
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle' && navigation.formData?.get('intent') === intent
  return (
    <button type="submit" name="intent" value={intent} className="primary" disabled={busy}>
      {label}
    </button>
  )
}

export function AddSessionForms({ feedback, place }: { feedback?: FormFeedback | null; place?: { placeZh: string; placeEn: string } }) {
  const { t } = useTranslation()
  const lang = useLang()
  // what was typed comes back after a refusal or a preview, also without JavaScript
  const v = (form: string, name: string, fallback?: string) => (feedback?.form === form ? (feedback.values?.[name] ?? fallback) : fallback)
  return (
    <>
      <details className="panel-form" open={feedback?.form === 'session'}>
        <summary>{t('organiser.addSession')}</summary>
        <FormName.Provider value="session">
          <Form method="post">
            <Errors feedback={feedback} form="session" />
            <div className="grid-2">
              <Input name="startsAt" type="datetime-local" defaultValue={v('session', 'startsAt')} />
              <Input name="endsAt" type="datetime-local" defaultValue={v('session', 'endsAt')} />
            </div>
            <Input name="capacity" type="number" defaultValue={v('session', 'capacity', '20')} />
            <div className="grid-2">
              <Input name="femaleQuota" type="number" required={false} defaultValue={v('session', 'femaleQuota')} />
              <Input name="maleQuota" type="number" required={false} defaultValue={v('session', 'maleQuota')} />
            </div>
            <Place placeZh={v('session', 'placeZh', place?.placeZh)} placeEn={v('session', 'placeEn', place?.placeEn)} />
            <Submit intent="add-session" label={t('fields.save')} />
          </Form>
        </FormName.Provider>
      </details>
      <details className="panel-form" open={feedback?.form === 'term'}>
        <summary>{t('organiser.addTerm')}</summary>
        <FormName.Provider value="term">
          <Form method="post">
            <Errors feedback={feedback} form="term" />
            <div className="grid-2">
              <Input name="firstDay" type="date" defaultValue={v('term', 'firstDay')} />
              <Input name="lastDay" type="date" defaultValue={v('term', 'lastDay')} />
              <Input name="dailyStart" type="time" defaultValue={v('term', 'dailyStart', '08:30')} />
              <Input name="dailyEnd" type="time" defaultValue={v('term', 'dailyEnd', '17:00')} />
            </div>
            <fieldset>
              <legend>{t('organiser.fields.weekdays')}</legend>
              {['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'].map((d, i) => (
                <label key={d} className="check">
                  <input type="checkbox" name="weekdays" value={d} defaultChecked={i < 5} /> {formatWeekdays(d, lang)}
                </label>
              ))}
            </fieldset>
            <Input name="excludedDates" required={false} defaultValue={v('term', 'excludedDates')} />
            <Input name="capacity" type="number" defaultValue={v('term', 'capacity', '40')} />
            <Place placeZh={v('term', 'placeZh', place?.placeZh)} placeEn={v('term', 'placeEn', place?.placeEn)} />
            <Submit intent="add-term" label={t('fields.save')} />
          </Form>
        </FormName.Provider>
      </details>
      <details className="panel-form" open={feedback?.form === 'slots'}>
        <summary>{t('organiser.addSlots')}</summary>
        <FormName.Provider value="slots">
          <Form method="post">
            <Errors feedback={feedback} form="slots" />
            <Input name="days" defaultValue={v('slots', 'days')} />
            <div className="grid-2">
              <Input name="from" type="time" defaultValue={v('slots', 'from', '08:00')} />
              <Input name="until" type="time" defaultValue={v('slots', 'until', '11:00')} />
              <Input name="slotMinutes" type="number" defaultValue={v('slots', 'slotMinutes', '20')} />
              <Input name="placesPerSlot" type="number" defaultValue={v('slots', 'placesPerSlot', '4')} />
            </div>
            <Place placeZh={v('slots', 'placeZh', place?.placeZh)} placeEn={v('slots', 'placeEn', place?.placeEn)} />
            {feedback?.form === 'slots' && feedback.preview ? (
              <div className="notice">
                <p>{t('organiser.previewCount', { count: feedback.preview.length })}</p>
                <ul>
                  {feedback.preview.map((s) => (
                    <li key={s.startsAt.toISOString()}>
                      {formatDateTime(s.startsAt, lang)}–{formatDateTime(s.endsAt, lang).slice(-5)}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <Submit intent="preview-slots" label={t('organiser.preview')} />{' '}
            {feedback?.form === 'slots' && feedback.preview?.length ? (
              <Submit intent="add-slots" label={t('organiser.createSlots')} />
            ) : null}
          </Form>
        </FormName.Provider>
      </details>
    </>
  )
}
