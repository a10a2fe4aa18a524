// After `remix build`: every script and stylesheet under public/build also as .br (brotli,
// best quality) and .gz (gzip -9), written once at build time, so a phone gets the smallest
// file without the server compressing it on each request (scripts/start.js serves them with
// express-static-gzip). The build's file names carry their content hash: they never change.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

const root = path.resolve(process.argv[2] ?? 'public/build')
let files = 0
let raw = 0
let br = 0
for (const entry of fs.readdirSync(root, { recursive: true })) {
  const file = path.join(root, String(entry))
  if (!/\.(js|css|json)$/.test(file) || !fs.statSync(file).isFile()) continue
  const body = fs.readFileSync(file)
  const brotli = zlib.brotliCompressSync(body, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  })
  fs.writeFileSync(`${file}.br`, brotli)
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }))
  files++
  raw += body.length
  br += brotli.length
}
console.log(`[precompress] ${files} files: ${(raw / 1024).toFixed(0)} KB → ${(br / 1024).toFixed(0)} KB brotli`)
