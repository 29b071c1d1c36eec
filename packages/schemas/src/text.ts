/** Locales the engine and the admin speak. zh-CN is the default and the fallback of every text. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Human-readable text in config: a zh-CN string, or a string per locale. */
export type Text = string | { readonly 'zh-CN': string; readonly en?: string };

/** A message every person-facing error carries in both languages. */
export interface BilingualText {
  readonly 'zh-CN': string;
  readonly en: string;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Resolves a config text for a locale, falling back to zh-CN. */
export function resolveText(text: Text, locale: Locale): string {
  if (typeof text === 'string') return text;
  return (locale === 'en' ? text.en : undefined) ?? text['zh-CN'];
}

/** Picks the best supported locale from an Accept-Language header value. */
export function negotiateLocale(acceptLanguage: string | null | undefined, fallback: Locale = DEFAULT_LOCALE): Locale {
  if (!acceptLanguage) return fallback;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return fallback;
}
