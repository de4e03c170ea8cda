import { useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Empty, List, Space } from 'antd';
import { DELEGATED_POWERS, DELEGATED_POWER_LABELS, type DelegatedPower } from '../../../../core/topics';
import type { MemberDto } from '../../../../core/contracts/org';
import { api } from '../../api/client';
import { useShowError } from '../../api/hooks';

/** The head authorises deputies to approve topics (R2.2) and to convene and chair (R3.2). */
export function DelegationCard({ divisionId, divisionName }: { divisionId: string; divisionName: string }) {
  const { message } = App.useApp();
  const showError = useShowError();
  const [deputies, setDeputies] = useState<MemberDto[]>([]);
  const [granted, setGranted] = useState<Record<string, DelegatedPower[]>>({});
  useEffect(() => {
    void Promise.all([
      api.get('/api/divisions/:id/members', { id: divisionId }),
      api.get('/api/divisions/:id/delegations', { id: divisionId }),
    ]).then(([members, delegations]) => {
      setDeputies(members.filter((m) => m.position === 'deputy'));
      const g: Record<string, DelegatedPower[]> = {};
      for (const d of delegations) (g[d.userId] ??= []).push(d.power);
      setGranted(g);
    }, showError);
  }, [divisionId, showError]);

  const save = async () => {
    try {
      await api.put(
        '/api/divisions/:id/delegations',
        { id: divisionId },
        {
          delegations: Object.entries(granted).flatMap(([userId, powers]) =>
            powers.map((power) => ({ userId, power })),
          ),
        },
      );
      message.success('授权已保存');
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Card
      title={`${divisionName} · 授权副职负责人`}
      extra={deputies.length > 0 && <Button onClick={() => void save()}>保存授权</Button>}
    >
      {deputies.length === 0 ? (
        <Empty description="本处室暂无副职负责人" />
      ) : (
        <List
          dataSource={deputies}
          renderItem={(d) => (
            <List.Item>
              <Space wrap>
                <span style={{ minWidth: 64, display: 'inline-block' }}>{d.name}</span>
                <Checkbox.Group
                  value={granted[d.userId] ?? []}
                  onChange={(v) => setGranted((g) => ({ ...g, [d.userId]: v as DelegatedPower[] }))}
                  options={DELEGATED_POWERS.map((p) => ({ value: p, label: DELEGATED_POWER_LABELS[p] }))}
                />
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
