// The house rules, enforced (`npm run lint`, part of `npm test`; tests/integration/lint.test.ts
// proves each custom rule fires). Layers, one direction: routes/components → web → models → utils.
import importX from 'eslint-plugin-import-x'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

// Prisma writes: only inside a transaction callback (`tx.…`), never on the shared client —
// on SQLite only a transaction waits for another request's open transaction (ADR 0003)
const WRITE_METHODS = 'create|createMany|update|updateMany|upsert|delete|deleteMany'

// The domains of app/models, lowest first: each may import only those before it, so no two
// domains lean on each other (booking records a message in the outbox; mail reads bookings)
export const DOMAINS = [
  'audit',
  'outbox',
  'consent',
  'programme',
  'questions',
  'booking',
  'attendance',
  'user',
  'lottery',
  'matching',
  'reminders',
  'mail',
  'privacy',
  'child',
  'organiser',
  'reports',
  'jobs',
]
const domainZones = DOMAINS.map((domain, i) => ({
  target: `./app/models/${domain}`,
  from: DOMAINS.slice(i + 1).map((higher) => `./app/models/${higher}`),
  message: `app/models/${domain} sits below ${DOMAINS.slice(i + 1).join(', ')} (DOMAINS in eslint.config.js, ARCHITECTURE.md).`,
})).filter((zone) => zone.from.length > 0)

const NO_TEST_CODE = {
  group: ['**/tests/**', '../tests/*', '../../tests/*'],
  message: 'The app never imports test code (the factories live in prisma/).',
}
// a form is parsed by parseForm (app/web/parse-form.ts): its schema's coercion made once, not per request
const ONE_FORM_PARSER = {
  name: '@conform-to/zod',
  importNames: ['parseWithZod'],
  message: 'Parse a form with parseForm from ~/web/parse-form (the schema is coerced once, not on every request).',
}
const restrict = (...patterns) => ['error', { paths: [ONE_FORM_PARSER], patterns: [...patterns, NO_TEST_CODE] }]

// The one write path (ADR 0003) and one way back from the request: every app file
const ONE_WRITE_PATH = [
  {
    selector: `CallExpression[callee.object.type='MemberExpression'][callee.object.object.name='db'][callee.property.name=/^(${WRITE_METHODS})$/]`,
    message: 'Write inside write((tx) => …) from ~/utils/db.server: the shared client must not write on its own (ADR 0003).',
  },
  {
    selector: "CallExpression[callee.object.name='db'][callee.property.name=/^[$](transaction|executeRaw|executeRawUnsafe)$/]",
    message: 'Use write((tx) => …) from ~/utils/db.server: it is the one way the app writes.',
  },
  {
    selector: "TaggedTemplateExpression[tag.object.name='db'][tag.property.name='$executeRaw']",
    message: 'Use write((tx) => …) from ~/utils/db.server: it is the one way the app writes.',
  },
  {
    // a place to go next, taken from the request, goes through the one check
    selector:
      "CallExpression[callee.property.name='get'][arguments.0.value=/^(back|redirectTo|returnTo|next)$/]:not(CallExpression[callee.name='safeRedirect'] > CallExpression)",
    message: 'A URL from the request goes through safeRedirect() (app/utils/safe-redirect.ts, docs/security.md): it stays on this site.',
  },
]
// Places are booking's (ADR 0004): outside app/models/booking nothing creates a booking or a
// quota, nor sets a session's capacity, seats or waitlist counter — it calls booking's functions
const CAPACITY_IS_BOOKINGS = [
  {
    selector: "CallExpression[callee.object.property.name='booking'][callee.property.name=/^(create|createMany|upsert)$/]",
    message:
      'Bookings are created by app/models/booking only (book a seat, a waitlist place, a drawn place): capacity is booking’s (ADR 0004).',
  },
  {
    selector:
      "CallExpression[callee.object.property.name='quota'][callee.property.name=/^(create|createMany|update|updateMany|upsert|delete|deleteMany)$/]",
    message: 'Quotas are written by app/models/booking only (capacity.server.ts): capacity is booking’s (ADR 0004).',
  },
  {
    selector:
      "CallExpression[callee.object.property.name='session'][callee.property.name=/^(create|createMany|update|updateMany|upsert)$/] Property[key.name=/^(capacity|seatsTaken|waitlistSeq|quotas)$/]",
    message:
      'A session’s places (capacity, seats, quotas, waitlist counter) are set by app/models/booking only: capacity is booking’s (ADR 0004).',
  },
  // the same through the query layer (app/utils/query.server.ts) and in hand-written SQL
  {
    selector:
      'CallExpression[callee.property.name=/^(insertInto|updateTable|deleteFrom|mergeInto)$/][arguments.0.value=/^(Booking|Quota)\\b/]',
    message:
      'Bookings and quotas are written by app/models/booking only (insertBooking, tryTakeSeat, …): capacity is booking’s (ADR 0004).',
  },
  {
    selector:
      "CallExpression[callee.property.name=/^(set|values)$/][callee.object.callee.property.name=/^(updateTable|insertInto)$/][callee.object.arguments.0.value='Session'] Property[key.name=/^(capacity|seatsTaken|waitlistSeq)$/]",
    message: 'A session’s places (capacity, seats, waitlist counter) are set by app/models/booking only: capacity is booking’s (ADR 0004).',
  },
  {
    selector:
      'Literal[value=/(INSERT INTO|UPDATE|DELETE FROM)\\s+"(Booking|Quota)"|"(seatsTaken|waitlistSeq)"\\s*=/i], TemplateElement[value.raw=/(INSERT INTO|UPDATE|DELETE FROM)\\s+"(Booking|Quota)"|"(seatsTaken|waitlistSeq)"\\s*=/i]',
    message:
      'Hand-written SQL does not write bookings, quotas or a session’s places: call app/models/booking (capacity is booking’s, ADR 0004).',
  },
]

export default tseslint.config(
  {
    ignores: [
      'build/**',
      'public/build/**',
      'scripts/page-floor/build/**',
      'scripts/page-floor/public/build/**',
      'scripts/page-floor/.cache/**',
      'generated/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.cache/**',
    ],
  },
  ...tseslint.configs.recommended,
  jsxA11y.flatConfigs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    // import-x follows .ts/.tsx imports only with its typescript settings (else no-cycle sees nothing)
    settings: { ...importX.flatConfigs.typescript.settings, 'import-x/resolver': { typescript: true, node: true } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': ['error', ...ONE_WRITE_PATH],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // a cycle means two modules each need the other first: pick a direction
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: domainZones }],
    },
  },
  // flat config: a later block's no-restricted-imports replaces an earlier one, so each layer's
  // block repeats the rule every layer keeps (no test code in the app)
  { files: ['app/**', 'prisma/**', 'scripts/**'], rules: { 'no-restricted-imports': restrict() } },
  {
    files: ['app/utils/**'],
    rules: {
      'no-restricted-imports': restrict({
        group: ['~/models/*', '~/web/*', '~/routes/*', '~/components/*'],
        message: 'app/utils is the bottom layer: it imports no models, web, routes or components.',
      }),
    },
  },
  {
    files: ['app/models/**'],
    rules: {
      'no-restricted-imports': restrict({
        group: ['~/web/*', '~/routes/*', '~/components/*', '@remix-run/node', '@remix-run/react'],
        message: 'app/models take plain inputs and return plain results: no Remix, no web layer.',
      }),
    },
  },
  {
    files: ['app/models/**'],
    ignores: ['app/models/booking/**'],
    rules: { 'no-restricted-syntax': ['error', ...ONE_WRITE_PATH, ...CAPACITY_IS_BOOKINGS] },
  },
  {
    files: ['app/web/**'],
    rules: {
      'no-restricted-imports': restrict({
        group: ['~/routes/*', '~/components/*'],
        message: 'app/web serves the routes: it imports models and utils, never a route or a component.',
      }),
    },
  },
  {
    // the one place conform's parser is called
    files: ['app/web/parse-form.ts', 'app/web/parse-form.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_TEST_CODE] }] },
  },
  {
    files: ['tests/**', 'scripts/**', 'prisma/**', 'app/utils/db.server.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
)
