import type { RegistryWidgetsType, UiSchema } from '@rjsf/utils';
import { hasWidget } from '@rjsf/utils';

const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object'] as const;

/**
 * The uiSchema without the `ui:widget` names no widget answers (a registered one, or one of RJSF's
 * own names such as textarea for some JSON type), at any depth: RJSF throws on such a name and the
 * whole form fails to render — as when a package names a plugin's widget and the admin was built
 * without that plugin's entry. The field then gets its default widget, and the console says why.
 */
export function withKnownWidgets(uiSchema: UiSchema | undefined, widgets: RegistryWidgetsType): UiSchema | undefined {
  if (uiSchema === undefined) return undefined;
  const known = (name: string): boolean => Object.hasOwn(widgets, name) || JSON_TYPES.some((type) => hasWidget({ type }, name, widgets));
  const clean = (node: unknown): unknown => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'ui:widget' && typeof value === 'string' && !known(value)) {
        console.warn(`ui:widget "${value}" is not a widget of this admin (is the plugin's admin entry built in?); the field keeps its default widget`);
        continue;
      }
      out[key] = clean(value);
    }
    return out;
  };
  return clean(uiSchema) as UiSchema;
}
