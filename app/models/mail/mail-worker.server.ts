import os from 'node:os'
import { getEnv } from '~/utils/env.server'
import { getMailTransport } from '~/utils/mail-transport.server'
import { deliverDueMail } from './outbox-worker.server'

/** The job the runner calls: deliver what is due with this process's transport. */
export async function runMailDelivery() {
  const { transporter } = await getMailTransport()
  return deliverDueMail({ owner: `${os.hostname()}:${process.pid}`, transporter, from: getEnv().MAIL_FROM })
}
