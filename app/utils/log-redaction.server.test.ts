import { expect, test } from 'vitest'
import { redactSecrets } from './log-redaction.server'

test.each([
  ['GET /account/reset/cabc123.Zm9vYmFy_-x 200', 'GET /account/reset/[redacted] 200'],
  ['GET /account/verify/cabc123.Zm9vYmFy?lng=en 302', 'GET /account/verify/[redacted]?lng=en 302'],
  ['GET /calendar/AbC_dEf-123.ics 200', 'GET /calendar/[redacted].ics 200'],
  ['GET /offers/cbooking1?token=s3cr3t&answer=accept&lng=zh-CN 303', 'GET /offers/cbooking1?token=[redacted]&answer=accept&lng=zh-CN 303'],
  ['No route matches URL "/account/reset/x.y/z"', 'No route matches URL "/account/reset/[redacted]/z"'],
  ['GET /programmes/summer-camp 200', 'GET /programmes/summer-camp 200'],
])('%s', (line, expected) => {
  expect(redactSecrets(line)).toBe(expected)
})
