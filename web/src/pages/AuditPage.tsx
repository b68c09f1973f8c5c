import { useQuery } from '@tanstack/react-query';
import { Card, Col, Input, Row, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, qs } from '../api.ts';
import { useT } from '../i18n.tsx';

interface AuditItem {
  id: number;
  at: string;
  username: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  ip: string | null;
}

const COLORS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  import: 'purple',
  login_failed: 'orange',
  login_past_lock: 'gold',
  unlock: 'cyan',
  password: 'magenta',
  backup: 'geekblue',
};

/** Who changed what, when, with the record before and after. */
export function AuditPage() {
  const { t } = useT();
  const [page, setPage] = useState(1);
  const [entity, setEntity] = useState('');
  const [username, setUsername] = useState('');
  const list = useQuery({
    queryKey: ['audit', page, entity, username],
    queryFn: () =>
      api.get<{ total: number; items: AuditItem[] }>(
        `/api/audit?${qs({ entity, username, limit: 30, offset: (page - 1) * 30 })}`,
      ),
  });
  const json = (v: unknown) =>
    v === null ? (
      '—'
    ) : (
      <pre style={{ fontSize: 11, maxHeight: 300, overflow: 'auto', margin: 0 }}>{JSON.stringify(v, null, 2)}</pre>
    );
  return (
    <Card
      title={t('audit')}
      extra={
        <Space>
          <Input.Search
            placeholder={t('entity')}
            allowClear
            onSearch={(v) => {
              setEntity(v);
              setPage(1);
            }}
            style={{ width: 220 }}
          />
          <Input.Search
            placeholder={t('who')}
            allowClear
            onSearch={(v) => {
              setUsername(v);
              setPage(1);
            }}
            style={{ width: 180 }}
          />
        </Space>
      }
    >
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="audit-table"
        pagination={{
          current: page,
          pageSize: 30,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        expandable={{
          expandedRowRender: (r) => (
            <Row gutter={16}>
              <Col span={12}>
                <Typography.Text strong>{t('before')}</Typography.Text>
                {json(r.before)}
              </Col>
              <Col span={12}>
                <Typography.Text strong>{t('after')}</Typography.Text>
                {json(r.after)}
              </Col>
            </Row>
          ),
        }}
        columns={[
          {
            title: t('when'),
            dataIndex: 'at',
            render: (v: string) => dayjs(v).format('DD/MM/YYYY HH:mm:ss'),
            width: 170,
          },
          { title: t('who'), dataIndex: 'username' },
          { title: t('action'), dataIndex: 'action', render: (a: string) => <Tag color={COLORS[a]}>{a}</Tag> },
          { title: t('entity'), render: (_: unknown, r: AuditItem) => `${r.entity} #${r.entity_id}` },
          { title: 'IP', dataIndex: 'ip' },
        ]}
      />
    </Card>
  );
}
