/**
 * A page's title and description, as every route's meta returns them (a route's meta replaces
 * its parent's, so each gives both). Search engines and link previews show the description;
 * Lighthouse's SEO audit asks for one on every page.
 */
export const SITE = '康乃馨 Carnation'
export const SITE_DESCRIPTION =
  '市总工会职工服务活动报名：职工子女托管班、青年职工交友、技能培训、健康体检。Bookings for the city trade-union federation: day camps for members’ children, youth socials, training and health check-ups.'

export function pageMeta(title: string | null, description: string = SITE_DESCRIPTION) {
  return [{ title: title ? `${title} · ${SITE}` : SITE }, { name: 'description', content: description }]
}
