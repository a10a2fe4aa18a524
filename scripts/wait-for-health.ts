import fs from 'node:fs'
/** Resolves once the server on this port answers /healthz (the benchmarks start real servers). */
export async function waitForHealth(port: number) {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error('server did not start')
}

/** The CPU time a process has used (user + system), in ms, from /proc (Linux): steadier than
 * requests/s on a shared machine. NaN where /proc cannot say. */
export function cpuMs(pid: number | undefined) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // utime, stime at 100 ticks/s
  } catch {
    return NaN
  }
}

/** The CPU time of every PostgreSQL server process on this machine (a local database), in ms. */
export function postgresCpuMs() {
  let total = 0
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuMs(Number(pid))
    } catch {
      // gone meanwhile
    }
  }
  return total
}
