import { useTranslation } from 'react-i18next'
import type { UnitResult } from '~/models/lottery/draw'
import type { LotteryStory as LotteryStoryData } from '~/models/lottery/story.server'
import { formatDateTime } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'

/** What lotteryStory (app/models/lottery/story.server.ts) tells of a lottery. */
export type Story = LotteryStoryData

/**
 * The moments of a lottery, each with what was published then: the public value's named
 * sources from the start; the freeze with the hashes of the commitment and of the server seed;
 * the public value as entered; the draw with the server seed, the seed they make and the
 * record's hash; and the record to download with the verifier.
 */
export function LotteryStory({ story }: { story: Story }) {
  const { t } = useTranslation()
  const lang = useLang()
  const hash = (value: string | null, missing: string) => (value ? <code className="hash">{value}</code> : t(missing))
  return (
    <details className="commitment" open={Boolean(story.drawnAt)}>
      <summary>{t('lottery.commitTitle')}</summary>
      <p className="muted">{t('lottery.commitIntro')}</p>
      <dl className="hashes">
        <dt>{t('lottery.momentSource')}</dt>
        <dd>{story.source.primary || '—'}</dd>
        <dt>{t('lottery.momentFallback')}</dt>
        <dd>{story.source.fallback || '—'}</dd>
        <dt>{t('lottery.momentDrawAt')}</dt>
        <dd>{story.drawAt ? formatDateTime(story.drawAt, lang) : '—'}</dd>
        <dt>{story.frozenAt ? t('lottery.momentFrozen', { date: formatDateTime(story.frozenAt, lang) }) : t('lottery.entriesHash')}</dt>
        <dd>
          {t('lottery.entriesHash')}: {hash(story.commitmentHash, 'lottery.notFrozenYet')}
          <br />
          {t('lottery.seedHash')}: {hash(story.seedHash, 'lottery.notFrozenYet')}
        </dd>
        {story.publicValueAt ? (
          <>
            <dt>{t('lottery.momentValue', { date: formatDateTime(story.publicValueAt, lang) })}</dt>
            <dd>
              {t('lottery.publicValue')}: <code>{story.publicValue}</code>
              {story.publicValueFrom === 'fallback' ? t('lottery.publicValueFallback', { note: story.publicValueNote ?? '' }) : null}
            </dd>
          </>
        ) : null}
        <dt>{story.drawnAt ? t('lottery.momentDrawn', { date: formatDateTime(story.drawnAt, lang) }) : t('lottery.serverSeed')}</dt>
        <dd>
          {t('lottery.serverSeed')}: {hash(story.serverSeed, 'lottery.notYet')}
          {story.seed ? (
            <>
              <br />
              {t('lottery.seed')}: <code className="hash">{story.seed}</code>
              <br />
              {t('lottery.resultHash')}: <code className="hash">{story.resultHash}</code>
            </>
          ) : null}
        </dd>
      </dl>
      {story.frozenAt ? (
        <p>
          <a href={`/programmes/${story.slug}/results.json`} download>
            {t('lottery.download')}
          </a>{' '}
          ·{' '}
          <a href="/verify-lottery.mjs" download>
            {t('lottery.verifier')}
          </a>
          <br />
          <small className="muted">{t('lottery.verifyHow')}</small>
        </p>
      ) : null}
    </details>
  )
}

/** A unit's outcome in words: a place (at which choice), a waitlist number, or nowhere. */
export function Outcome(props: { result: UnitResult; sessionId: string | null; label: (sessionId: string | null) => string }) {
  const { t } = useTranslation()
  const { result, sessionId, label } = props
  if (result.outcome === 'placed') return t('lottery.placed', { session: label(sessionId), choice: result.choice })
  if (result.outcome === 'waitlisted') return t('lottery.waitlisted', { session: label(sessionId), n: result.waitlistNo })
  return t('lottery.unplaced')
}
