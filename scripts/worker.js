// npm run worker: mail delivery and offer expiry without the web server (run `npm run build` first).
import path from 'node:path'

process.env.NODE_ENV ??= 'production'
const build = await import(path.resolve('build/index.js'))
build.entry.module.installLogRedaction()
await build.entry.module.startWorker()
// the job runner's timer is unref'd inside the web server; here it is all there is
const keepAlive = setInterval(() => {}, 1 << 30)
// a stop lets the tick under way finish (a mail half-sent is not left to a lease expiry)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    clearInterval(keepAlive)
    await build.entry.module.shutdown()
    process.exit(0)
  })
}
