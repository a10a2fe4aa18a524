import { useTranslation } from 'react-i18next'

/** "Members' children aged 6–12 · union members only" */
export function AudienceLine(props: { audience: string; minAge: number | null; maxAge: number | null; membersOnly: boolean }) {
  const { t } = useTranslation()
  const min = props.minAge ?? 0
  const max = props.maxAge ?? 99
  const ages =
    props.minAge === null && props.maxAge === null
      ? t('catalogue.forEveryone')
      : props.audience === 'child'
        ? t('catalogue.forChildren', { min, max })
        : t('catalogue.forAges', { min, max })
  return (
    <span>
      {ages}
      {props.membersOnly ? ` · ${t('catalogue.membersOnly')}` : ''}
    </span>
  )
}

export function KindBadge({ kind }: { kind: string }) {
  const { t } = useTranslation()
  return <span className={`badge badge-${kind}`}>{t(`kinds.${kind}`)}</span>
}
