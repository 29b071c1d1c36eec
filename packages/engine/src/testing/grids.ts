import { SYSTEM_ACTOR } from '../actor/actor.ts';
import type { Engine } from '../engine.ts';
import { uuidv7 } from '../ids/uuid.ts';

const ctx = { actor: SYSTEM_ACTOR };

/** Adds `count` households to a grid (the base package's required fields, plus `fields`); resolves with their ids. */
export async function addHouseholds(engine: Engine, gridCode: string, count: number, fields: Record<string, unknown> = {}): Promise<string[]> {
  const ids = Array.from({ length: count }, () => uuidv7());
  await engine.resources.insertMany(
    ctx,
    'households',
    ids.map((id, i) => ({ id, orgCode: gridCode, address: `测试地址${i + 1}号`, householderName: `住户${i + 1}`, memberCount: 2, householdType: 'registered', ...fields })),
  );
  return ids;
}

/** Adds a serving staff member of a role to a grid; resolves with the id. */
export async function addStaff(engine: Engine, gridCode: string, role: string, fields: Record<string, unknown> = {}): Promise<string> {
  const id = uuidv7();
  await engine.resources.insertMany(ctx, 'grid_staff', [
    { id, orgCode: gridCode, name: '王小明', role, employment: role === 'volunteer' ? 'volunteer' : 'full_time', phone: '13800138000', status: 'active', ...fields },
  ]);
  return id;
}

/** Adds `count` visits by a worker on a grid, one a day from `from` (cycling through the households). */
export async function addVisits(engine: Engine, options: { gridCode: string; visitorId: string; households: readonly string[]; count: number; from: string }): Promise<void> {
  const start = Date.parse(`${options.from}T00:00:00Z`);
  const inputs = Array.from({ length: options.count }, (_, i) => ({
    orgCode: options.gridCode,
    householdId: options.households[i % options.households.length],
    visitorId: options.visitorId,
    visitDate: new Date(start + (i % 28) * 86_400_000).toISOString().slice(0, 10),
    kind: 'visit',
  }));
  for (let i = 0; i < inputs.length; i += 500) await engine.resources.insertMany(ctx, 'visits', inputs.slice(i, i + 500));
}
