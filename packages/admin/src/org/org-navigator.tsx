import { ApartmentOutlined } from '@ant-design/icons';
import { Space } from 'antd';
import { useAdmin } from '../app/admin-context.ts';
import { OrgTreeSelect } from './org-tree-select.tsx';

/** The jurisdiction picker of the top bar: choosing a unit narrows every list to its subtree. */
export function OrgNavigator() {
  const { org, setOrg, t } = useAdmin();
  return (
    <Space size="small">
      <ApartmentOutlined aria-hidden />
      <OrgTreeSelect
        id="org-navigator"
        aria-label={t('org.navigator')}
        value={org}
        onChange={setOrg}
        allowClear
        placeholder={t('org.all')}
        style={{ width: 260 }}
      />
    </Space>
  );
}
