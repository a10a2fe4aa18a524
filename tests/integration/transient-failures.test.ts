import { describe, expect, test } from 'vitest'
import { Prisma } from '../../generated/prisma/client'
import { DatabaseBusyError, db, engine, TRANSACTION_ATTEMPTS } from '~/utils/db.server'
import { createDepartment } from '../factories'

const conflict = () =>
  new Prisma.PrismaClientKnownRequestError('write conflict', { code: 'P2034', clientVersion: Prisma.prismaVersion.client })

describe('transient database failures', () => {
  test('a transaction that hits a write conflict is run again and its writes land once', async () => {
    let attempts = 0
    const dept = await db.$transaction(async (tx) => {
      attempts += 1
      const created = await tx.department.create({
        data: { slug: `retry-${attempts}`, nameZh: '部', nameEn: 'Dept', email: 'd@example.cn' },
      })
      if (attempts < 3) throw conflict() // rolls back this attempt's department
      return created
    })
    expect(attempts).toBe(3)
    expect(await db.department.findMany({ select: { slug: true } })).toEqual([{ slug: dept.slug }])
  })

  test('one that keeps failing gives up after a bounded number of tries, as DatabaseBusyError, and writes nothing', async () => {
    let attempts = 0
    const run = db.$transaction(async (tx) => {
      attempts += 1
      await tx.department.create({ data: { slug: `busy-${attempts}`, nameZh: '部', nameEn: 'Dept', email: 'd@example.cn' } })
      throw conflict()
    })
    await expect(run).rejects.toBeInstanceOf(DatabaseBusyError)
    expect(attempts).toBe(TRANSACTION_ATTEMPTS)
    expect(await db.department.count()).toBe(0)
  })

  test('other errors are not retried', async () => {
    let attempts = 0
    await expect(
      db.$transaction(async () => {
        attempts += 1
        throw new Error('a bug')
      }),
    ).rejects.toThrow('a bug')
    expect(attempts).toBe(1)
  })

  test.runIf(engine === 'postgresql')(
    'a real deadlock between two transactions: PostgreSQL aborts one, it is retried, both land',
    async () => {
      const [a, b] = [await createDepartment(db), await createDepartment(db)]
      const pause = () => new Promise((resolve) => setTimeout(resolve, 200))
      const crossing = (first: string, second: string, phone: string) =>
        db.$transaction(async (tx) => {
          await tx.$executeRaw`UPDATE "Department" SET phone = ${phone} WHERE id = ${first}`
          await pause()
          await tx.$executeRaw`UPDATE "Department" SET phone = ${phone} WHERE id = ${second}`
        })
      await Promise.all([crossing(a.id, b.id, 'one'), crossing(b.id, a.id, 'two')])
      const phones = (await db.department.findMany({ select: { phone: true } })).map((d) => d.phone)
      // whichever committed last wrote both rows
      expect(new Set(phones).size).toBe(1)
    },
  )
})
