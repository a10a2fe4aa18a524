import os from 'node:os'
import { getEnv } from '~/utils/env.server'
import { getMailTransport } from '~/utils/mail-transport.server'
import { deliverDueMail } from './outbox-worker.server'

const BATCH = 20
const MAX_BATCHES_PER_TICK = 10

/**
 * The job the runner calls: deliver what is due with this process's transport. After a rush
 * the outbox holds hundreds of messages, so a tick keeps going while batches come back full.
 */
export async function runMailDelivery() {
  const { transporter } = await getMailTransport()
  const options = { owner: `${os.hostname()}:${process.pid}`, transporter, from: getEnv().MAIL_FROM, batch: BATCH }
  for (let i = 0; i < MAX_BATCHES_PER_TICK; i++) {
    const { sent, retried, failed } = await deliverDueMail(options)
    if (sent + retried + failed < BATCH) break
  }
}
