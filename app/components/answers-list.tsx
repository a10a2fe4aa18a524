import { useTranslation } from 'react-i18next'
import { useLang } from '~/components/hooks/use-lang'
import { answerText, type QuestionDef } from '~/models/questions/shared'

type Question = Pick<QuestionDef, 'id' | 'labelZh' | 'labelEn' | 'options'> & { type: string }

/** A booking's answers to the programme's questions, as a short definition list (roster, door, my bookings). */
export function AnswersList({ questions, answers }: { questions: Question[]; answers: Record<string, string> }) {
  const { t } = useTranslation()
  const lang = useLang()
  const shown = questions.filter((q) => q.id in answers)
  if (shown.length === 0) return null
  return (
    <dl className="answers" aria-label={t('questions.answersTitle')}>
      {shown.map((q) => (
        <div key={q.id}>
          <dt>{lang === 'en' ? q.labelEn || q.labelZh : q.labelZh}</dt>
          <dd>{answerText(q, answers[q.id], lang)}</dd>
        </div>
      ))}
    </dl>
  )
}
