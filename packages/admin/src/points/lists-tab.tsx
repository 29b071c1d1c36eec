import type { AdminPoints } from '@zhili/schemas';
import { Card, Col, Descriptions, List, Row, Tag, Typography } from 'antd';
import { useAdmin } from '../app/admin-context.ts';
import { capsText, publishedLists, rulePoints } from './points-view.ts';
import type { CategoryRules } from './points-view.ts';

/** The positive and negative lists (正面行为清单、负面行为清单) as published: by category, each rule with its points, caps and how it is earned. */
export function ListsTab({ scheme }: { readonly scheme: AdminPoints }) {
  const { t } = useAdmin();
  const lists = publishedLists(scheme);
  const how = (rule: AdminPoints['rules'][number]) =>
    [rule.claim !== null ? t('points.byClaim') : null, rule.auto !== null ? t('points.automatic') : null, rule.roles.length > 0 ? t('points.byStaff') : null].filter((x) => x !== null).join('、');
  const list = (title: string, groups: readonly CategoryRules[], className: string) => (
    <Card title={title} size="small" className={className}>
      {groups.map((g) => (
        <List
          key={g.category.id}
          size="small"
          header={<Typography.Text strong>{g.category.title}</Typography.Text>}
          dataSource={[...g.rules]}
          renderItem={(rule) => (
            <List.Item extra={<Tag color={rule.points > 0 ? 'green' : 'red'}>{rulePoints(rule, scheme.unit, t)}</Tag>}>
              <List.Item.Meta
                title={
                  <span>
                    {rule.code} {rule.title} {rule.illustrative ? <Tag>{t('points.illustrative')}</Tag> : null}
                  </span>
                }
                description={[rule.description?.replace(/[。.]$/, '') ?? null, rule.caps.length > 0 ? capsText(rule.caps, t) : null, how(rule)].filter((x) => x !== null && x !== '').join('；')}
              />
            </List.Item>
          )}
        />
      ))}
    </Card>
  );
  return (
    <>
      {scheme.adoption !== null ? (
        <Descriptions size="small" style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('points.adoptedBy')}>{[scheme.adoption.body, scheme.adoption.date, scheme.adoption.resolution].filter((x) => x !== null).join(' · ')}</Descriptions.Item>
        </Descriptions>
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          {list(t('points.positiveList'), lists.positive, 'zhili-points-positive')}
        </Col>
        <Col xs={24} lg={12}>
          {list(t('points.negativeList'), lists.negative, 'zhili-points-negative')}
        </Col>
      </Row>
    </>
  );
}
