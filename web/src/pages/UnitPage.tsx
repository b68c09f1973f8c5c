import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, DatePicker, Descriptions, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, qs, type User } from '../api.ts';
import { canWriteFor, useMeta } from '../hooks.ts';
import { useT } from '../i18n.tsx';
import { go } from '../router.ts';
import { SessionTable } from './SessionsPage.tsx';

interface UnitDetail {
  id: number;
  code: string;
  kind: string;
  name: string;
  existsOnDate: boolean;
  validFrom: string;
  validTo: string | null;
  ancestors: { id: number; name: string }[];
  history: { name: string; parentName: string | null; validFrom: string; validTo: string | null }[];
  successors: { id: number; code: string; name: string; date: string }[];
  predecessors: { id: number; code: string; name: string; date: string }[];
}

const vnDate = (d: string | null) => (d ? dayjs(d).format('DD/MM/YYYY') : '…');

export function UnitPage({ id, user }: { id: number; user: User }) {
  const { t, label } = useT();
  const meta = useMeta();
  const [date, setDate] = useState<Dayjs>(dayjs());
  const asOf = date.format('YYYY-MM-DD');
  const unit = useQuery({
    queryKey: ['unit-detail', id, asOf],
    queryFn: () => api.get<UnitDetail>(`/api/units/${id}?${qs({ asOf })}`),
  });
  const u = unit.data;
  const links = (list: UnitDetail['successors']) =>
    list.length === 0
      ? '—'
      : list.map((l) => (
          <Tag key={`${l.id}-${l.date}`}>
            <a onClick={() => go(`units/${l.id}`)}>{l.name}</a> ({vnDate(l.date)})
          </Tag>
        ));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        loading={unit.isLoading}
        title={u ? <span data-testid="unit-name">{u.name}</span> : ''}
        extra={
          <Space>
            <Typography.Text>{t('asOf')}</Typography.Text>
            <DatePicker value={date} onChange={(d) => d && setDate(d)} format="DD/MM/YYYY" allowClear={false} />
          </Space>
        }
      >
        {u && (
          <>
            <Breadcrumb
              style={{ marginBottom: 12 }}
              items={[...u.ancestors]
                .reverse()
                .map((a) => ({ title: <a onClick={() => go(`units/${a.id}`)}>{a.name}</a> }))}
            />
            {!u.existsOnDate && <Typography.Paragraph type="warning">{t('notOnDate')}</Typography.Paragraph>}
            <Descriptions
              size="small"
              column={2}
              items={[
                { label: t('code'), children: u.code },
                { label: t('kind'), children: label(meta.data?.lists.unitKinds[u.kind], u.kind) },
                { label: t('validity'), children: `${vnDate(u.validFrom)} – ${vnDate(u.validTo)}` },
                { label: t('predecessors'), children: links(u.predecessors) },
                { label: t('successors'), children: links(u.successors) },
              ]}
            />
            <Typography.Title level={5}>{t('history')}</Typography.Title>
            <Table
              size="small"
              rowKey="validFrom"
              pagination={false}
              dataSource={u.history}
              columns={[
                { title: t('name'), dataIndex: 'name' },
                { title: t('parent'), dataIndex: 'parentName' },
                { title: t('validity'), render: (_: unknown, h) => `${vnDate(h.validFrom)} – ${vnDate(h.validTo)}` },
              ]}
            />
          </>
        )}
      </Card>
      <Card
        title={t('sessions')}
        extra={
          canWriteFor(user, id) && (
            <Button type="primary" onClick={() => go(`sessions/new/${id}`)}>
              {t('addSession')}
            </Button>
          )
        }
      >
        <SessionTable user={user} unitId={id} />
      </Card>
    </Space>
  );
}
