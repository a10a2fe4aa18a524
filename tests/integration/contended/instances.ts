import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import readline from 'node:readline'

export type Result = { outcomes: string[]; errors: string[] }

/** One app instance of the contended tests: a process of its own running booker.ts. */
export function startInstance(sessionId: string, userIds: string[], dieAfter?: number) {
  return startProcess('tests/integration/contended/booker.ts', {
    CONTENDED_JOB: JSON.stringify({ sessionId, userIds, dieAfter }),
  })
}

/** An app instance running one of the scripts beside this file, talking line by line. */
export function startProcess(script: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
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
