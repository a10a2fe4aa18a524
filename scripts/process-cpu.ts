import fs from 'node:fs'

// The benchmarks' CPU figures (bench:rush, bench:pages): what each process used, from /proc.

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
