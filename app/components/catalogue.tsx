import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { CatalogueEntry } from '~/models/programme/catalogue.server'
import { localized, PROGRAMME_KINDS } from '~/models/programme/constants'
import type { CatalogueQuery } from '~/models/programme/schemas'
import { formatDate, formatDateTime, formatTime } from '~/utils/time'
import { useLang } from '~/components/hooks/use-lang'
import { AudienceLine, KindBadge } from './programme-facts'

type Entry = CatalogueEntry

type Paging = { total: number; page: number; pages: number }

export function Catalogue({
  programmes,
  query,
  months,
  paging,
}: {
  programmes: Entry[]
  query: CatalogueQuery
  months: string[]
  paging: Paging
}) {
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
        <details className="more-filters" open={Boolean(query.month || query.q)}>
          <summary>{t('catalogue.moreFilters')}</summary>
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
          </div>
        </details>
        <div className="filter-actions">
          <button type="submit">{t('catalogue.apply')}</button>
          {query.kind || query.month || query.q ? <Link to=".">{t('catalogue.clear')}</Link> : null}
        </div>
      </Form>
      <p className="muted" aria-live="polite">
        {t('catalogue.results', { count: paging.total })}
        {paging.pages > 1 ? ` · ${t('catalogue.pageOf', { page: paging.page, pages: paging.pages })}` : null}
      </p>
      {programmes.length === 0 ? <p>{t('catalogue.empty')}</p> : null}
      <ul className="cards">
        {programmes.map((p) => (
          <li key={p.slug}>
            <ProgrammeCard programme={p} />
          </li>
        ))}
      </ul>
      <Pager query={query} paging={paging} />
    </>
  )
}

/** Plain links (they work without JavaScript) that keep the filters and the search. */
function Pager({ query, paging }: { query: CatalogueQuery; paging: Paging }) {
  const { t } = useTranslation()
  if (paging.pages <= 1) return null
  const href = (page: number) => {
    const params = new URLSearchParams()
    for (const key of ['kind', 'month', 'q'] as const) if (query[key]) params.set(key, String(query[key]))
    if (page > 1) params.set('page', String(page))
    const search = params.toString()
    return search ? `?${search}` : '.'
  }
  return (
    <nav className="pager" aria-label={t('catalogue.pages')}>
      {paging.page > 1 ? (
        <Link to={href(paging.page - 1)} rel="prev" prefetch="intent">
          ← {t('catalogue.previous')}
        </Link>
      ) : (
        <span />
      )}
      <span aria-current="page">{t('catalogue.pageOf', { page: paging.page, pages: paging.pages })}</span>
      {paging.page < paging.pages ? (
        <Link to={href(paging.page + 1)} rel="next" prefetch="intent">
          {t('catalogue.next')} →
        </Link>
      ) : (
        <span />
      )}
    </nav>
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
              {/* a term is its dates, first day to last; a one-off or a slot, its day and time */}
              {p.nextSession.repeatUntil
                ? `${formatDate(p.nextSession.startsAt, lang)} – ${formatDate(p.nextSession.repeatUntil, lang)}`
                : `${formatDate(p.nextSession.startsAt, lang)} ${formatTime(p.nextSession.startsAt, lang)}`}
              {p.sessionCount > 1 ? ` · ${t('catalogue.sessions', { count: p.sessionCount })}` : ''}
            </dd>
            <dt>{t('catalogue.place')}</dt>
            <dd>{localized(p.nextSession, 'place', lang)}</dd>
          </>
        ) : null}
        {p.window === 'lottery' && p.drawAt ? (
          <>
            <dt>{t('lottery.drawAt')}</dt>
            <dd>{formatDateTime(p.drawAt, lang)}</dd>
          </>
        ) : null}
        {p.window !== 'closed' && !(p.allocation === 'lottery' && p.window === 'open') ? (
          <>
            <dt>{p.window === 'lottery' ? t('lottery.applyBy') : t('catalogue.deadline')}</dt>
            <dd>{formatDateTime(p.bookingClosesAt, lang)}</dd>
          </>
        ) : null}
        <dt>{t('programme.ages')}</dt>
        <dd>
          <AudienceLine {...p} />
        </dd>
      </dl>
      <p className={`availability availability-${p.window === 'open' ? (p.seatsLeft > 0 ? 'open' : 'full') : p.window}`}>
        {p.window === 'lottery'
          ? t('lottery.byLottery')
          : p.window === 'not-open'
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
