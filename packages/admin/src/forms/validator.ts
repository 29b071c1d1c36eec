import type { ValidatorType } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import type { CustomValidatorOptionsType } from '@rjsf/validator-ajv8';
import { createAjv, localizeErrors } from '@zhili/schemas';
import type { AjvExtensions, ErrorObject, Locale } from '@zhili/schemas';

/**
 * RJSF constructs its ajv with `new AjvClass(options)`: this class answers zhili's own instance
 * (2020-12, cn-id-card and the other formats, ajv-errors, and the plugins' formats and keywords)
 * so that the browser accepts and rejects exactly what the server does.
 */
function zhiliAjv(extensions: AjvExtensions) {
  return class ZhiliAjv {
    constructor(options: Parameters<typeof createAjv>[0]) {
      // A constructor may answer another object; RJSF only calls ajv's public methods on it.
      return createAjv(options, extensions);
    }
  };
}

/**
 * What a missing required field says under itself: ajv's "must have required property 'x'" names
 * the field again, which reads oddly under that very field.
 */
const REQUIRED_MESSAGE: Readonly<Record<Locale, string>> = { 'zh-CN': '必填', en: 'Required' };

/** An RJSF validator on the server's ajv setup (with the plugins' formats and keywords), with its messages in the locale. */
export function createFormValidator(locale: Locale, extensions: AjvExtensions = {}): ValidatorType {
  const options: CustomValidatorOptionsType = {
    // createAjv adds ajv-formats itself; RJSF must not add them a second time.
    ajvFormatOptions: false,
    AjvClass: zhiliAjv(extensions) as unknown as NonNullable<CustomValidatorOptionsType['AjvClass']>,
  };
  return customizeValidator(options, (errors) => {
    if (!errors) return;
    const localized = localizeErrors(errors as ErrorObject[], locale);
    errors.forEach((error, i) => {
      const message = error.keyword === 'required' ? REQUIRED_MESSAGE[locale] : localized[i]?.message;
      if (message !== undefined) error.message = message;
    });
  });
}
