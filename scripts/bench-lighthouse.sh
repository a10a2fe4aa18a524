#!/usr/bin/env bash
# npm run bench:lighthouse — every member page through Lighthouse 12.8 (npm; 13.x needs Node 22)
# with its mobile profile (simulated slow 4G, 4× CPU) and Debian's Chromium, against a running
# production server (npm start; BASE_URL, default http://localhost:3000, seeded with the demo
# data). Signed-in pages as the demo member. One line per page: the four scores and the first
# contentful paint. Goals: performance ≥ 98, FCP ≤ 1.5 s, the other three at 100.
set -euo pipefail
BASE_URL="${BASE_URL:-http://localhost:3000}"
CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
export CHROME_PATH
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# the demo member's login cookie (a plain form post, as a phone without JavaScript sends it)
cookie="$(curl -s -o /dev/null -D - -H "Origin: $BASE_URL" \
  --data-urlencode email=member@carnation.test --data-urlencode password=carnation123 \
  "$BASE_URL/login" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | paste -sd ';' -)"
[ -n "$cookie" ] || { echo "could not sign in as the demo member at $BASE_URL" >&2; exit 1; }

anonymous=(/ /programmes /programmes/community-childcare-camp /programmes/winter-camp/results /login /signup /account/forgot /privacy /certificates)
member=(/me/bookings /me/children /me/profile)

run() {
  local path="$1" headers="$2" name
  name="$(echo "$path" | tr '/' '_')"
  npx -y lighthouse@12.8.2 "$BASE_URL$path" --quiet --form-factor=mobile --output=json --output-path="$out/$name.json" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" ${headers:+--extra-headers="$headers"} >/dev/null 2>&1
  node -e '
    const r = require(process.argv[1]); const s = (k) => Math.round(r.categories[k].score * 100)
    const fcp = r.audits["first-contentful-paint"].numericValue / 1000
    console.log(`${process.argv[2].padEnd(40)} performance ${s("performance")} accessibility ${s("accessibility")} best-practices ${s("best-practices")} seo ${s("seo")} fcp_s ${fcp.toFixed(2)}`)
  ' "$out/$name.json" "$path"
}

for path in "${anonymous[@]}"; do run "$path" ""; done
for path in "${member[@]}"; do run "$path" "{\"Cookie\":\"$cookie\"}"; done
