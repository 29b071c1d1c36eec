export type { Actor } from './actor/actor.ts';
export { DEV_ACTOR, inScope, SYSTEM_ACTOR } from './actor/actor.ts';
export type { EngineErrorCode, FieldErrors } from './errors/engine-error.ts';
export { EngineError, toEngineError } from './errors/engine-error.ts';
export { isUuid, uuidv7, uuidv7FromParts } from './ids/uuid.ts';
export type * from './model/types.ts';
export { isStandardField, STANDARD_FIELDS } from './model/types.ts';
export type {
  DemoData,
  DemoDataContext,
  DemoDataGenerator,
  GeneratedOrgUnit,
  GeneratedRecord,
  SeedOrgUnit,
  SeedScale,
} from './seed/types.ts';
export { defineDemoData, SEED_SCALES } from './seed/types.ts';
