import { defineConfig } from '@playwright/test'
import base from './playwright.config'

// `npm run screens`: the main pages at 360 px in zh-CN, written to docs/screens/ (fonts-noto-cjk
// must be installed for Chinese to render). Not part of `npm test`: the pictures are docs.
export default defineConfig({ ...base, testDir: 'tests/screens' })
