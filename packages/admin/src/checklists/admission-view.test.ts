import type { AdminChecklist } from '@zhili/schemas';
import { describe, expect, it } from 'vitest';
import { requestBody, requestFormSchema } from './admission-view.ts';

const checklist: AdminChecklist = {
  id: 'assisting-duties',
  title: '协助政府履职事项清单',
  description: null,
  kind: 'assist',
  kindTitle: '协助政府履职事项',
  owner: 'district',
  public: true,
  itemSchema: { type: 'object', required: ['legalBasis'], properties: { legalBasis: { type: 'string', title: '法律依据' } } },
  itemUiSchema: {},
  admission: { resources: ['community_tasks'], approverLevel: 'district', decisionDays: 15, targetLevels: ['community', 'village'], assessment: null },
  claiming: null,
};

const labels = {
  title: '事项名称',
  requestingDepartment: '申请部门',
  justification: '申请理由',
  fundingSource: '经费来源',
  deadline: '完成时限',
  targetLevel: '下派层级',
  resource: '工作类型',
  proposedCode: '建议编号',
};

describe('requestFormSchema', () => {
  it('asks for the request, a choice only where the checklist offers several, then the proposed item’s attributes', () => {
    const schema = requestFormSchema(checklist, { labels, levelTitles: new Map([['community', '社区']]), resourceTitles: new Map() });
    expect(Object.keys(schema['properties'] as object)).toEqual(['title', 'requestingDepartment', 'justification', 'fundingSource', 'deadline', 'targetLevel', 'proposedCode', 'legalBasis']);
    expect(schema['required']).toEqual(['title', 'requestingDepartment', 'justification', 'fundingSource', 'deadline', 'targetLevel', 'legalBasis']);
    expect((schema['properties'] as Record<string, { oneOf?: unknown }>)['targetLevel']?.oneOf).toEqual([
      { const: 'community', title: '社区' },
      { const: 'village', title: 'village' },
    ]);
  });
});

describe('requestBody', () => {
  it('keeps the request’s fields and sends the rest as the proposed item’s attributes', () => {
    expect(requestBody('assisting-duties', { title: '垃圾分类督导', fundingSource: '区财政', proposedCode: '', legalBasis: '条例' })).toEqual({
      checklist: 'assisting-duties',
      title: '垃圾分类督导',
      fundingSource: '区财政',
      attributes: { legalBasis: '条例' },
    });
  });
});
