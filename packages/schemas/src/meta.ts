import checklistSchema from '../meta/checklist.schema.json' with { type: 'json' };
import gridSchema from '../meta/grid.schema.json' with { type: 'json' };
import manifestSchema from '../meta/manifest.schema.json' with { type: 'json' };
import orgTreeSchema from '../meta/org-tree.schema.json' with { type: 'json' };
import roleSchema from '../meta/role.schema.json' with { type: 'json' };
import resourceSchema from '../meta/resource.schema.json' with { type: 'json' };
import workflowSchema from '../meta/workflow.schema.json' with { type: 'json' };
import pointsSchema from '../meta/points.schema.json' with { type: 'json' };
import councilSchema from '../meta/council.schema.json' with { type: 'json' };
import textSchema from '../meta/text.schema.json' with { type: 'json' };

/** The meta-schemas of the config kinds, by kind. Each validates one file of a package. */
export const META_SCHEMAS = {
  manifest: manifestSchema,
  resource: resourceSchema,
  orgTree: orgTreeSchema,
  role: roleSchema,
  // After resource: its item schema refers to the resource meta-schema's record schema.
  checklist: checklistSchema,
  // After resource: transition forms refer to the resource meta-schema's record schema.
  workflow: workflowSchema,
  grid: gridSchema,
  points: pointsSchema,
  // After workflow: stage time limits refer to the workflow meta-schema's time limit.
  council: councilSchema,
} as const;

export type ConfigKind = keyof typeof META_SCHEMAS;

/** Schemas the meta-schemas reference by $id (shared definitions). */
export const SHARED_SCHEMAS = [textSchema] as const;
