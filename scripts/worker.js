// npm run worker: mail delivery and offer expiry without the web server (run `npm run build` first).
import path from 'node:path'

process.env.NODE_ENV ??= 'production'
const build = await import(path.resolve('build/index.js'))
await build.entry.module.startWorker()
// the job runner's timer is unref'd inside the web server; here it is all there is
setInterval(() => {}, 1 << 30)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0))
