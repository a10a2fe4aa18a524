// The factories live beside the seed (prisma/factories.ts), which ships with the app; tests
// take them from there, so nothing under tests/ is ever part of the production build.
export * from '../prisma/factories'
