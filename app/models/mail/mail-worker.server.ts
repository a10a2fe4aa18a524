import os from 'node:os'
import { getEnv } from '~/utils/env.server'
import { requestsWaiting } from '~/utils/load-shedding.server'
import { getMailTransport } from '~/utils/mail-transport.server'
import { deliverDueMail, type DeliveryOptions } from './outbox-worker.server'

const BATCH = 20
const MAX_BATCHES_PER_TICK = 10

/** The job the runner calls: deliver what is due with this process's transport. */
export async function runMailDelivery() {
  const { transporter } = await getMailTransport()
  await deliverBatches({ owner: `${os.hostname()}:${process.pid}`, transporter, from: getEnv().MAIL_FROM, batch: BATCH })
}

/**
 * After a rush the outbox holds hundreds of messages, so a tick keeps going while batches come
 * back full — but past its first batch only while no request waits in line (`busy`): in the
 * opening minute the bookings go first and their mails a few seconds later (composing and
 * sending a mail costs more CPU than a booking POST). The first batch always goes, so
 * mail never stops under steady load.
 */
export async function deliverBatches(options: DeliveryOptions, busy: () => boolean = () => requestsWaiting() > 0) {
  const batch = options.batch ?? BATCH
  for (let i = 0; i < MAX_BATCHES_PER_TICK; i++) {
    if (i > 0 && busy()) break
    const { sent, retried, failed } = await deliverDueMail({ ...options, batch })
    if (sent + retried + failed < batch) break
  }
}
