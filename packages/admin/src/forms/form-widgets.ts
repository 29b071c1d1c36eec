import { OrgUnitWidget } from '../org/org-unit-widget.tsx';
import { AttachmentsField } from './attachments-field.tsx';
import { ReferenceWidget } from '../references/reference-widget.tsx';

/** The admin's own RJSF widgets, named by `ui:widget`. */
export const FORM_WIDGETS = { orgUnit: OrgUnitWidget, reference: ReferenceWidget };

/** The admin's own RJSF fields, named by `ui:field`. */
export const FORM_FIELDS = { attachments: AttachmentsField };
