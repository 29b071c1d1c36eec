import type { WidgetProps } from '@rjsf/utils';
import { Input, Typography } from 'antd';
import { useAdmin } from '@zhili/admin/plugin';
import { isUnifiedSocialCreditCode, normaliseUscc } from './uscc.ts';

const TEXT = {
  'zh-CN': { ok: '校验位正确', bad: '尚不是有效的统一社会信用代码', placeholder: '18 位，如 91350100M000100Y43' },
  en: { ok: 'Check character correct', bad: 'Not a valid unified social credit code yet', placeholder: '18 characters, e.g. 91350100M000100Y43' },
} as const;

/**
 * The widget `uscc` (ui:widget) for a 统一社会信用代码: what is typed is upper-cased and freed of
 * spaces and hyphens, and the field says as it is typed whether the check character is right. The
 * format cn-uscc still decides, in the form and in the engine.
 */
export default function UsccWidget(props: WidgetProps) {
  const { locale } = useAdmin();
  const text = TEXT[locale];
  const value = typeof props.value === 'string' ? props.value : '';
  const complete = value.length === 18;
  return (
    <>
      <Input
        id={props.id}
        value={value}
        maxLength={24}
        placeholder={text.placeholder}
        disabled={props.disabled || props.readonly}
        status={complete && !isUnifiedSocialCreditCode(value) ? 'error' : undefined}
        onChange={(event) => props.onChange(event.target.value === '' ? undefined : normaliseUscc(event.target.value))}
        onBlur={() => props.onBlur(props.id, value)}
        onFocus={() => props.onFocus(props.id, value)}
      />
      {value !== '' ? (
        <Typography.Text type={isUnifiedSocialCreditCode(value) ? 'success' : 'secondary'}>{isUnifiedSocialCreditCode(value) ? text.ok : text.bad}</Typography.Text>
      ) : null}
    </>
  );
}
