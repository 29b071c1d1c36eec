/**
 * Test helpers for suites outside the engine (the example packages' own tests), as
 * '@zhili/engine/testing': the dialects to run on, throwaway databases, an engine over a package,
 * signed-in clients, the in-process CLI, hand-edited checklist workbooks and records on grids. Test
 * code only: it imports vitest.
 */
export type { CliRun } from './cli.ts';
export { runCli } from './cli.ts';
export type { TestDatabase } from './databases.ts';
export { createTestDatabase, DIALECTS } from './databases.ts';
export { addHouseholds, addStaff, addVisits } from './grids.ts';
export { childPackageIssues } from './packages.ts';
export { loadSeedContext } from './seed-context.ts';
export type { SignedIn, TestClient } from './sessions.ts';
export { asClient, signIn, TEST_PASSWORD } from './sessions.ts';
export type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
export { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
export type { ItemCell } from './workbooks.ts';
export { editItemSheet } from './workbooks.ts';
