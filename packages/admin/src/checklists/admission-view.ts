import type { AdminChecklist } from '@zhili/schemas';

/** The request's own fields in the submit form, before the proposed item's attributes. */
const REQUEST_FIELDS = ['title', 'requestingDepartment', 'justification', 'fundingSource', 'deadline', 'targetLevel', 'resource', 'proposedCode'] as const;

/** The labels of the request form's own fields, by field. */
export type RequestLabels = Readonly<Record<(typeof REQUEST_FIELDS)[number], string>>;

/**
 * The schema of the admission request form, flat: the request's fields (a target level and a
 * resource to choose only when the checklist has more than one), then the attributes of the
 * item it proposes, with the item schema's required list.
 */
export function requestFormSchema(
  checklist: AdminChecklist,
  options: { readonly labels: RequestLabels; readonly levelTitles: ReadonlyMap<string, string>; readonly resourceTitles: ReadonlyMap<string, string> },
): Record<string, unknown> {
  const { labels, levelTitles, resourceTitles } = options;
  const admission = checklist.admission;
  const choice = (title: string, values: readonly string[], titles: ReadonlyMap<string, string>) => ({
    type: 'string',
    title,
    oneOf: values.map((value) => ({ const: value, title: titles.get(value) ?? value })),
  });
  const text = (title: string, maxLength: number) => ({ type: 'string', title, minLength: 1, maxLength });
  const targetLevels = admission?.targetLevels ?? [];
  const resources = admission?.resources ?? [];
  return {
    type: 'object',
    required: [
      'title',
      'requestingDepartment',
      'justification',
      'fundingSource',
      'deadline',
      ...(targetLevels.length > 1 ? ['targetLevel'] : []),
      ...(resources.length > 1 ? ['resource'] : []),
      ...(checklist.itemSchema.required ?? []),
    ],
    properties: {
      title: text(labels.title, 200),
      requestingDepartment: text(labels.requestingDepartment, 100),
      justification: text(labels.justification, 2000),
      fundingSource: text(labels.fundingSource, 200),
      deadline: { type: 'string', format: 'date', title: labels.deadline },
      ...(targetLevels.length > 1 ? { targetLevel: choice(labels.targetLevel, targetLevels, levelTitles) } : {}),
      ...(resources.length > 1 ? { resource: choice(labels.resource, resources, resourceTitles) } : {}),
      proposedCode: { type: 'string', title: labels.proposedCode, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$' },
      ...(checklist.itemSchema.properties ?? {}),
    },
  };
}

/** The body of POST /api/admission-requests from the form's flat data: the request's fields, the rest as the proposed item's attributes. */
export function requestBody(checklist: string, data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const own = new Set<string>(REQUEST_FIELDS);
  const fields = Object.fromEntries(Object.entries(data).filter(([name, value]) => own.has(name) && value !== undefined && value !== ''));
  const attributes = Object.fromEntries(Object.entries(data).filter(([name]) => !own.has(name)));
  return { checklist, ...fields, attributes };
}
