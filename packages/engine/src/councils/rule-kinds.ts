import type { BilingualText } from '@zhili/schemas';
import type { MemberFacts } from './composition.ts';

/** What a council rule kind's check sees: the rule's options, the body and its roster. */
export interface CouncilRuleContext {
  /** The rule's options (its keys but id, kind and title), checked against the kind's schema at load. */
  readonly options: Readonly<Record<string, unknown>>;
  /** The body: its id, title, and its positions (职务). */
  readonly body: { readonly id: string; readonly title: BilingualText; readonly positions: readonly { readonly id: string; readonly title: BilingualText }[] };
  /** The roster being saved (or shown), as the composition rules see its members. */
  readonly members: readonly MemberFacts[];
}

/**
 * A kind of composition rule of council bodies that a plugin adds: a body's `rules` name it in
 * `kind`. Like the engine's own rules (size, positions, requirements) it is checked on every
 * change of a roster: a roster that breaks it cannot be saved (422 with its message).
 */
export interface CouncilRuleKind {
  /** The name rules give in `kind`: lower-case letters, digits and hyphens. */
  readonly kind: string;
  /** The title of a rule of this kind that has none of its own. */
  readonly title: BilingualText;
  /** The JSON Schema of the rule's options; the loader refuses a rule whose options do not match, at their place in the file. */
  readonly schema: Readonly<Record<string, unknown>>;
  /** Checks of the options against the body beyond the schema (a position it does not have …), at load: problems by JSON pointer within the rule. */
  check?(options: Readonly<Record<string, unknown>>, body: { readonly positions: readonly string[] }): { readonly pointer: string; readonly message: BilingualText }[];
  /** What the roster breaks, with its figures, in both languages; null when it keeps the rule. */
  evaluate(context: CouncilRuleContext): BilingualText | null;
}

/** Council rule kinds by name: those of a package's plugins (the engine has none of its own). */
export type CouncilRuleKinds = ReadonlyMap<string, CouncilRuleKind>;

export const NO_COUNCIL_RULE_KINDS: CouncilRuleKinds = new Map();
