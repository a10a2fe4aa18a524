import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { CatalogueEntry } from '~/models/programme/catalogue.server'
import { localized, PROGRAMME_KINDS } from '~/models/programme/constants'
import type { CatalogueQuery } from '~/models/programme/schemas'
import { formatDate, formatDateTime, formatTime } from '~/utils/time'
import { useLang } from '~/utils/use-lang'
import { AudienceLine, KindBadge } from './programme-facts'

type Entry = CatalogueEntry

export function Catalogue({ programmes, query, months }: { programmes: Entry[]; query: CatalogueQuery; months: string[] }) {
  const { t } = useTranslation()
  return (
    <>
      <Form method="get" className="filters" aria-label={t('catalogue.filters')}>
        <fieldset className="kind-filter">
          <legend>{t('catalogue.kind')}</legend>
          {(['', ...PROGRAMME_KINDS] as const).map((kind) => (
            <label key={kind || 'all'} className="chip">
              <input type="radio" name="kind" value={kind} defaultChecked={(query.kind ?? '') === kind} />
              <span>{t(`kinds.${kind || 'all'}`)}</span>
            </label>
          ))}
        </fieldset>
        <div className="filter-row">
          <label>
            {t('catalogue.month')}
            <select name="month" defaultValue={query.month ?? ''}>
              <option value="">{t('catalogue.anyMonth')}</option>
              {months.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('catalogue.search')}
            <input type="search" name="q" defaultValue={query.q ?? ''} placeholder={t('catalogue.searchPlaceholder')} maxLength={50} />
          </label>
          <button type="submit">{t('catalogue.apply')}</button>
        </div>
        {query.kind || query.month || query.q ? <Link to=".">{t('catalogue.clear')}</Link> : null}
      </Form>
      <p className="muted" aria-live="polite">
        {t('catalogue.results', { count: programmes.length })}
      </p>
      {programmes.length === 0 ? <p>{t('catalogue.empty')}</p> : null}
      <ul className="cards">
        {programmes.map((p) => (
          <li key={p.slug}>
            <ProgrammeCard programme={p} />
          </li>
        ))}
      </ul>
    </>
  )
}

function ProgrammeCard({ programme: p }: { programme: Entry }) {
  const { t } = useTranslation()
  const lang = useLang()
  return (
    <article className="card">
      <KindBadge kind={p.kind} />
      <h2>
        <Link to={`/programmes/${p.slug}`}>{localized(p, 'title', lang)}</Link>
      </h2>
      <p>{localized(p, 'summary', lang)}</p>
      <dl className="facts">
        {p.nextSession ? (
          <>
            <dt>{t('catalogue.nextDate')}</dt>
            <dd>
              {formatDate(p.nextSession.startsAt, lang)} {formatTime(p.nextSession.startsAt, lang)}
              {p.sessionCount > 1 ? ` · ${t('catalogue.sessions', { count: p.sessionCount })}` : ''}
            </dd>
            <dt>{t('catalogue.place')}</dt>
            <dd>{localized(p.nextSession, 'place', lang)}</dd>
          </>
        ) : null}
        <dt>{t('programme.ages')}</dt>
        <dd>
          <AudienceLine {...p} />
        </dd>
      </dl>
      <p className={`availability availability-${p.window === 'open' ? (p.seatsLeft > 0 ? 'open' : 'full') : p.window}`}>
        {p.window === 'not-open'
          ? t('catalogue.notOpen', { date: formatDateTime(p.bookingOpensAt, lang) })
          : p.window === 'closed'
            ? t('catalogue.closed')
            : p.seatsLeft > 0
              ? t('catalogue.seatsLeft', { count: p.seatsLeft })
              : t('catalogue.full')}
      </p>
    </article>
  )
}
