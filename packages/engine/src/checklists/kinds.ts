import type { BilingualText, ChecklistKind, ClaimantKind } from '@zhili/schemas';

/** What each kind of checklist is called (see checklist.schema.json for what each is). */
export const CHECKLIST_KINDS: Readonly<Record<ChecklistKind, BilingualText>> = {
  duty: { 'zh-CN': '依法履职事项', en: 'Duties under the law' },
  assist: { 'zh-CN': '协助政府履职事项', en: 'Duties in assisting the government' },
  service: { 'zh-CN': '公共服务事项', en: 'Public services' },
  power: { 'zh-CN': '权力事项', en: 'Powers' },
  burden: { 'zh-CN': '减负事项', en: 'Burdens cleared' },
  'behaviour-positive': { 'zh-CN': '正面行为清单', en: 'Conduct that earns credit' },
  'behaviour-negative': { 'zh-CN': '负面行为清单', en: 'Conduct that loses credit' },
  resource: { 'zh-CN': '资源清单', en: 'Resources' },
  need: { 'zh-CN': '需求清单', en: 'Needs' },
  consultation: { 'zh-CN': '协商目录', en: 'Matters for consultation' },
};

/** The sorts of organisation that claim the items of a needs list (社会认领), in the meta-schema's order. */
export const CLAIMANT_KINDS: Readonly<Record<ClaimantKind, BilingualText>> = {
  department: { 'zh-CN': '部门单位', en: 'Department or public body' },
  merchant: { 'zh-CN': '经营商户', en: 'Merchant' },
  organisation: { 'zh-CN': '社会组织、群团组织', en: 'Social or mass organisation' },
};
