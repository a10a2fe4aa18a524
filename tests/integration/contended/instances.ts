import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import readline from 'node:readline'

export type Result = { outcomes: string[]; errors: string[] }

/** One app instance of the contended tests: a process of its own running booker.ts. */
export function startInstance(sessionId: string, userIds: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/contended/booker.ts'], {
    env: { ...process.env, CONTENDED_JOB: JSON.stringify({ sessionId, userIds }) },
    stdio: ['pipe', 'pipe', 'pipe'],
  }) as ChildProcessWithoutNullStreams
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const lines = readline.createInterface({ input: child.stdout })
  const next = () =>
    new Promise<string>((resolve, reject) => {
      lines.once('line', resolve)
      child.once('exit', (code) => reject(new Error(`instance exited ${code}: ${stderr.slice(0, 2000)}`)))
    })
  return { child, next }
}
