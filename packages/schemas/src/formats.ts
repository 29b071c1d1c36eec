/**
 * zhili's own string formats, registered on every ajv instance made by {@link createAjv}
 * (server and browser alike). Each has a message in Chinese and English.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The GB 11643-1999 check character of the first 17 digits of a resident ID number. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? '';
}

/**
 * An 18-character resident identity card number (GB 11643-1999): 6-digit division code,
 * a real birth date (YYYYMMDD, from 1900 to today), 3-digit sequence, check character.
 */
export function isChineseIdCardNumber(value: string): boolean {
  if (!/^[1-9]\d{5}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]$/.test(value)) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (birth.getUTCFullYear() !== year || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) return false;
  if (birth.getTime() > Date.now()) return false;
  return idCardCheckChar(value.slice(0, 17)) === value[17];
}

export interface FormatDefinition {
  /** Name used in `format:` of a field schema. */
  readonly name: string;
  /** Whether a string is of the format (other types pass). Runs in the browser too: no Node APIs. */
  readonly validate: (value: string) => boolean;
  /** Error message per locale, shown under the field. */
  readonly message: { readonly 'zh-CN': string; readonly en: string };
}

export const ZHILI_FORMATS: readonly FormatDefinition[] = [
  {
    name: 'cn-id-card',
    validate: isChineseIdCardNumber,
    message: {
      'zh-CN': '身份证号码格式不正确或校验位错误',
      en: 'is not a valid resident ID number (18 characters with a correct check digit)',
    },
  },
  {
    name: 'cn-mobile',
    validate: (v) => /^1[3-9]\d{9}$/.test(v),
    message: { 'zh-CN': '手机号码应为 11 位数字,以 13–19 开头', en: 'is not a valid mobile number (11 digits starting 13–19)' },
  },
  {
    name: 'cn-phone',
    validate: (v) => /^1[3-9]\d{9}$/.test(v) || /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(v),
    message: {
      'zh-CN': '电话号码格式不正确(手机号或带区号的固定电话)',
      en: 'is not a valid phone number (a mobile number, or a landline with its area code)',
    },
  },
  {
    name: 'cn-postcode',
    validate: (v) => /^\d{6}$/.test(v),
    message: { 'zh-CN': '邮政编码应为 6 位数字', en: 'is not a valid postcode (6 digits)' },
  },
  {
    name: 'cn-division-code',
    validate: (v) => /^\d{6}(\d{3}(\d{3})?)?$/.test(v),
    message: {
      'zh-CN': '行政区划代码应为 6、9 或 12 位数字',
      en: 'is not a valid statistical division code (6, 9 or 12 digits)',
    },
  },
];
