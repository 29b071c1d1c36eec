import { englishStringTranslator, TranslatableString } from '@rjsf/utils';
import type { Locale } from '@zhili/schemas';

const ZH_CN: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: '项',
  [TranslatableString.EmptyArray]: '暂无条目，点击下方按钮添加。',
  [TranslatableString.YesLabel]: '是',
  [TranslatableString.NoLabel]: '否',
  [TranslatableString.CloseLabel]: '关闭',
  [TranslatableString.ErrorsLabel]: '请修正以下错误',
  [TranslatableString.AddButton]: '添加',
  [TranslatableString.AddItemButton]: '添加一项',
  [TranslatableString.CopyButton]: '复制',
  [TranslatableString.MoveDownButton]: '下移',
  [TranslatableString.MoveUpButton]: '上移',
  [TranslatableString.RemoveButton]: '删除',
  [TranslatableString.NowLabel]: '现在',
  [TranslatableString.ClearLabel]: '清除',
  [TranslatableString.AriaDateLabel]: '选择日期',
  [TranslatableString.ClearButton]: '清除输入',
  [TranslatableString.OptionPrefix]: '选项 %1',
};

/** RJSF's own strings (error list title, array buttons …) in the locale; English from RJSF itself. */
export function rjsfTranslator(locale: Locale): (text: TranslatableString, params?: string[]) => string {
  if (locale === 'en') return englishStringTranslator;
  return (text, params) => {
    const template = ZH_CN[text];
    if (template === undefined) return englishStringTranslator(text, params);
    return (params ?? []).reduce((out, param, i) => out.replace(`%${i + 1}`, param), template);
  };
}
