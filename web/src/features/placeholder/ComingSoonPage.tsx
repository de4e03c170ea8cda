import { Card, Result } from 'antd';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/zh-CN';

/** The business modules that later issues build. */
export default function ComingSoonPage({ title }: { title: MessageKey }) {
  const { t } = useI18n();
  return (
    <Card title={t(title)}>
      <Result status="info" title={t('common.building')} subTitle={t('common.buildingHint')} />
    </Card>
  );
}
