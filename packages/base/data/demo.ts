/**
 * Building blocks of demo data for any locality: a seeded random generator, Chinese names by
 * frequency, valid ID and mobile numbers, grid sites from an org tree, and the generator of
 * buildings, households, residents, grid staff and visits that are valid against the base
 * resources. Import them as '@zhili/base/demo'.
 */
export { ageOn, birthDateForAge, dateToMs, daysBefore, idNumber, mobileNumber, msToDate } from './identity.ts';
export { CHINESE_SURNAMES, givenName, personName } from './names.ts';
export type { Gender } from './names.ts';
export { MIGRANT_ORIGINS } from './people.ts';
export type { Origin, PersonFields } from './people.ts';
export { createRandom, weightedList } from './random.ts';
export type { Random, WeightedList } from './random.ts';
export { BASE_STAFFING, careLevelOf, DEMO_REFERENCE_DATE, expectedCounts, gridRecords, siteRecords } from './records.ts';
export type { ExtraCategory, HouseholdSummary, RecordOptions, StaffSlot } from './records.ts';
export { allocate, gridSites } from './sites.ts';
export type { GridSite, SiteUnit } from './sites.ts';
export { DEFAULT_HOUSEHOLDS } from './generate.ts';
