import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod'
import { parseForm } from '~/web/parse-form'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Programme } from '../../../generated/prisma/client'
import { Field, FormErrors, SelectField, TextareaField } from '~/components/ui/field'
import { programmeSchema } from '~/models/organiser/schemas'
import { PRIORITY_TIERS, PROGRAMME_KINDS, priorityTiersOf } from '~/models/programme/constants'
import { toLocalInput } from '~/utils/time'

type ProgrammeValues = Omit<Programme, 'id' | 'departmentId' | 'status' | 'createdAt' | 'updatedAt'>

/** Every setting a programme has, for creating and editing. */
export function ProgrammeForm(props: { lastResult?: SubmissionResult<string[]> | null; programme?: ProgrammeValues }) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const p = props.programme
  const [form, fields] = useForm({
    id: 'programme',
    lastResult: props.lastResult,
    constraint: getZodConstraint(programmeSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseForm(formData, programmeSchema),
    defaultValue: p
      ? {
          ...p,
          minAge: p.minAge?.toString() ?? '',
          maxAge: p.maxAge?.toString() ?? '',
          perBookerLimit: p.perBookerLimit?.toString() ?? '',
          contactPhone: p.contactPhone ?? '',
          membersOnly: p.membersOnly ? 'on' : '',
          mutualChoice: p.mutualChoice ? 'on' : '',
          mutualChoiceMax: String(p.mutualChoiceMax),
          bookingOpensAt: toLocalInput(p.bookingOpensAt),
          bookingClosesAt: toLocalInput(p.bookingClosesAt),
          cancelDeadlineHours: String(p.cancelDeadlineHours),
          offerHours: String(p.offerHours),
          drawAt: p.drawAt ? toLocalInput(p.drawAt) : '',
          completionMeetings: p.completionMeetings?.toString() ?? '',
          completionPercent: p.completionPercent?.toString() ?? '',
        }
      : { kind: 'training', audience: 'self', waitlistMode: 'auto', cancelDeadlineHours: '24', offerHours: '24', allocation: 'first-come' },
  })
  const f = (key: string) => t(`organiser.fields.${key}`)
  return (
    <Form method="post" {...getFormProps(form)} className="panel">
      <input type="hidden" name="intent" value="save" />
      <FormErrors errors={form.errors} />
      <Field meta={fields.slug} label={f('slug')} />
      <SelectField meta={fields.kind} label={f('kind')} options={PROGRAMME_KINDS.map((k) => ({ value: k, label: `kinds.${k}` }))} />
      <div className="grid-2">
        <Field meta={fields.titleZh} label={f('titleZh')} />
        <Field meta={fields.titleEn} label={f('titleEn')} />
        <Field meta={fields.summaryZh} label={f('summaryZh')} />
        <Field meta={fields.summaryEn} label={f('summaryEn')} />
        <TextareaField meta={fields.descriptionZh} label={f('descriptionZh')} />
        <TextareaField meta={fields.descriptionEn} label={f('descriptionEn')} />
      </div>
      <SelectField
        meta={fields.audience}
        label={f('audience')}
        options={[
          { value: 'self', label: 'organiser.fields.audienceSelf' },
          { value: 'child', label: 'organiser.fields.audienceChild' },
        ]}
      />
      <div className="grid-2">
        <Field meta={fields.minAge} label={f('minAge')} type="number" />
        <Field meta={fields.maxAge} label={f('maxAge')} type="number" />
      </div>
      <label className="check">
        <input {...getInputProps(fields.membersOnly, { type: 'checkbox' })} key={fields.membersOnly.key} /> {f('membersOnly')}
      </label>
      <div className="grid-2">
        <Field meta={fields.bookingOpensAt} label={f('bookingOpensAt')} type="datetime-local" />
        <Field meta={fields.bookingClosesAt} label={f('bookingClosesAt')} type="datetime-local" />
        <Field meta={fields.cancelDeadlineHours} label={f('cancelDeadlineHours')} type="number" />
        <Field meta={fields.perBookerLimit} label={f('perBookerLimit')} type="number" />
      </div>
      <SelectField
        meta={fields.waitlistMode}
        label={f('waitlistMode')}
        options={[
          { value: 'auto', label: 'organiser.fields.waitlistAuto' },
          { value: 'offer', label: 'organiser.fields.waitlistOffer' },
        ]}
      />
      <Field meta={fields.offerHours} label={f('offerHours')} type="number" />
      <Field meta={fields.contactPhone} label={f('contactPhone')} type="tel" />
      <fieldset>
        <legend>{t('matching.formTitle')}</legend>
        <label className="check">
          <input {...getInputProps(fields.mutualChoice, { type: 'checkbox' })} key={fields.mutualChoice.key} /> {t('matching.formEnable')}
        </label>
        <Field meta={fields.mutualChoiceMax} label={t('matching.formMax')} type="number" hint={t('matching.formHint')} />
      </fieldset>
      <fieldset>
        <legend>{f('completionTitle')}</legend>
        <p className="muted">{f('completionHint')}</p>
        <div className="grid-2">
          <Field meta={fields.completionMeetings} label={f('completionMeetings')} type="number" />
          <Field meta={fields.completionPercent} label={f('completionPercent')} type="number" />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('lotteryAdmin.title')}</legend>
        <SelectField
          meta={fields.allocation}
          label={t('lotteryAdmin.allocation')}
          options={[
            { value: 'first-come', label: 'lotteryAdmin.allocationFirstCome' },
            { value: 'lottery', label: 'lotteryAdmin.allocationLottery' },
          ]}
        />
        <Field meta={fields.drawAt} label={t('lotteryAdmin.drawAt')} type="datetime-local" />
        <Field meta={fields.drawSource} label={t('lotteryAdmin.drawSource')} hint={t('lotteryAdmin.drawSourceHint')} />
        <Field meta={fields.drawFallback} label={t('lotteryAdmin.drawFallback')} hint={t('lotteryAdmin.drawFallbackHint')} />
        <p className="label">{t('lotteryAdmin.tiers')}</p>
        {PRIORITY_TIERS.map((tier) => (
          <label key={tier} className="check">
            <input
              type="checkbox"
              name={fields.priorityTiers.name}
              value={tier}
              defaultChecked={p ? priorityTiersOf(p).includes(tier) : false}
            />{' '}
            {t(`lottery.tiers.${tier}`)}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
        {t('fields.save')}
      </button>
    </Form>
  )
}
