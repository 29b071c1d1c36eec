/**
 * How every RJSF form of the admin fills defaults. A labelled choice (`oneOf` of consts) starts
 * empty: RJSF would otherwise pre-select its first value (a resident's sex, a household's
 * housing, a checklist item's assessment), and a value nobody chose would be saved.
 */
export const DEFAULT_FORM_STATE = { constAsDefaults: 'skipOneOf' } as const;
