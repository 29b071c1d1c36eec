import type { FormatDefinition } from '@zhili/schemas';

/** The 31 characters of a unified social credit code, in the order of their values (no I, O, S, V, Z). */
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * Whether a text is a unified social credit code (统一社会信用代码, GB 32100-2015), the number every
 * department, business and social organisation that claims a need is registered under: 18
 * characters — registration authority and kind, a 6-digit division code, a 9-character
 * organisation code — and a check character computed over the first 17.
 */
export function isUnifiedSocialCreditCode(value: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARS.indexOf(value[i] ?? '') * (WEIGHTS[i] ?? 0);
  return CHARS[(31 - (sum % 31)) % 31] === value[17];
}

/** A code as people type it (lower case, spaces or hyphens between groups) in the form the format checks. */
export function normaliseUscc(text: string): string {
  return text.replace(/[\s-]+/g, '').toUpperCase();
}

/** The format `cn-uscc`: the same module is registered by the plugin on the server and by its admin entry in the browser. */
export const usccFormat: FormatDefinition = {
  name: 'cn-uscc',
  validate: isUnifiedSocialCreditCode,
  message: { 'zh-CN': '统一社会信用代码应为 18 位且校验位正确', en: 'is not a unified social credit code (18 characters with a correct check character)' },
};
