import { Card, Col, Empty, Grid, List, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { UNIT_ROLE_LABELS, DIVISION_KIND_LABELS } from '../../../../core/org';
import { useMe } from '../../auth/session';
import { membershipTitles } from '../../auth/leadership';
import { useI18n } from '../../i18n';
import { menuFor } from '../../layout/menu';
import { MonthlyReminder, TodoCard } from './TodoCard';
import { DelegationCard } from './DelegationCard';

/** 工作台: who I am here (divisions, roles); later issues add the to-do lists. */
export default function WorkbenchPage() {
  const me = useMe();
  const { t } = useI18n();
  const stacked = Grid.useBreakpoint().lg === false;
  const todo = (
    <Col xs={24} lg={12}>
      <TodoCard />
    </Col>
  );
  const links = menuFor(me).flatMap((e) => (e.children ? e.children : e.key === '/' ? [] : [e]));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('workbench.greeting')}
        {me.user.displayName}
      </Typography.Title>
      <MonthlyReminder />
      <Row gutter={[16, 16]}>
        {/* Stacked in one column (below lg), the to-dos come first: that is what a phone is opened for. */}
        {stacked && todo}
        <Col xs={24} lg={12}>
          <Card title={t('workbench.myDivisions')}>
            {me.memberships.length === 0 ? (
              <Empty description={t('workbench.noDivision')} />
            ) : (
              <List
                dataSource={me.memberships}
                renderItem={(m) => (
                  <List.Item>
                    <List.Item.Meta title={m.divisionName} description={DIVISION_KIND_LABELS[m.divisionKind]} />
                    <Space wrap>
                      {membershipTitles(me, m).map((title) => (
                        <Tag key={title} color="blue">
                          {title}
                        </Tag>
                      ))}
                      {m.isRecorder && <Tag color="purple">{t('workbench.recorder')}</Tag>}
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        {/* Unit roles are the exception (leaders, the office, the 三员): no card for those who have none. */}
        {me.roles.length > 0 && (
          <Col xs={24} lg={12}>
            <Card title={t('workbench.myRoles')}>
              <List
                dataSource={me.roles}
                renderItem={(r) => (
                  <List.Item>
                    <Space direction="vertical" size={2}>
                      <Tag color="gold">{UNIT_ROLE_LABELS[r]}</Tag>
                      {r === 'supervising_leader' && (
                        <Typography.Text type="secondary">
                          {t('workbench.supervises')}
                          {me.supervisedDivisions.map((d) => d.name).join('、')}
                        </Typography.Text>
                      )}
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        )}
        {!stacked && todo}
        <Col xs={24} lg={12}>
          <Card title={t('workbench.quickLinks')}>
            <Space wrap>
              {links.map((l) => (
                <Link key={l.key} to={l.key}>
                  <Tag style={{ padding: '4px 10px', cursor: 'pointer' }}>{t(l.label)}</Tag>
                </Link>
              ))}
            </Space>
            <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
              {t('workbench.session', { n: me.session.idleMinutes })}
            </Typography.Paragraph>
          </Card>
        </Col>
        {me.memberships
          .filter((m) => m.position === 'head' && m.divisionKind !== 'leadership')
          .map((m) => (
            <Col xs={24} lg={12} key={m.divisionId}>
              <DelegationCard divisionId={m.divisionId} divisionName={m.divisionName} />
            </Col>
          ))}
      </Row>
    </Space>
  );
}
