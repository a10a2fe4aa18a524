import { db } from '~/utils/db.server'

export function listDepartments() {
  return db.department.findMany({ orderBy: { slug: 'asc' }, select: { id: true, nameZh: true, nameEn: true } })
}
