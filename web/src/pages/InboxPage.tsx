import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, ApiError, type InboxItem, type User } from '../api.ts';
import { HistoryModal, WorkflowActions } from '../components/Workflow.tsx';
import { useT } from '../i18n.tsx';
import { go } from '../router.ts';

const keyOf = (i: { kind: string; id: number }) => `${i.kind}:${i.id}`;

/** The coordinating office's inbox: every kind of record units submitted, approved one by one or in bulk. */
export function InboxPage({ user }: { user: User }) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const inbox = useQuery({
    queryKey: ['inbox'],
    queryFn: () => api.get<{ total: number; items: InboxItem[] }>('/api/inbox?limit=500'),
  });
  const [selected, setSelected] = useState<string[]>([]);
  const [historyOf, setHistoryOf] = useState<InboxItem | null>(null);
  const approve = async () => {
    const items = (inbox.data?.items ?? [])
      .filter((i) => selected.includes(keyOf(i)))
      .map((i) => ({ kind: i.kind, id: i.id, version: i.version }));
    try {
      const r = await api.post<{ approved: number }>('/api/inbox/approve', { items });
      message.success(`${t('approve')}: ${r.approved}`);
      setSelected([]);
      await qc.invalidateQueries();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  const open = (i: InboxItem) =>
    go(
      i.kind === 'communication_session'
        ? `sessions/${i.id}`
        : i.kind === 'media_assessment'
          ? `media/assessments/${i.id}`
          : `records/${i.kind}/${i.id}`,
    );
  return (
    <Card
      title={
        <span>
          {t('inbox')} — <span data-testid="inbox-total">{inbox.data?.total ?? 0}</span>
        </span>
      }
      extra={
        <Button type="primary" disabled={selected.length === 0} onClick={approve} data-testid="approve-selected">
          {t('approveSelected')} ({selected.length})
        </Button>
      }
    >
      <HistoryModal sessionId={historyOf?.id ?? null} kind={historyOf?.kind} onClose={() => setHistoryOf(null)} />
      <Table
        rowKey={keyOf}
        size="small"
        loading={inbox.isLoading}
        dataSource={inbox.data?.items ?? []}
        data-testid="inbox-table"
        pagination={{ pageSize: 50 }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) }}
        columns={[
          { title: t('kind'), dataIndex: 'kindLabel', render: (v: string) => <Tag>{v}</Tag> },
          { title: t('date'), dataIndex: 'date', render: (d: string) => dayjs(d).format('DD/MM/YYYY'), width: 110 },
          { title: t('unit'), dataIndex: 'unitName' },
          {
            title: t('title'),
            dataIndex: 'title',
            render: (v: string, i: InboxItem) => <a onClick={() => open(i)}>{v}</a>,
          },
          {
            title: '',
            render: (_: unknown, i: InboxItem) => (
              <>
                <a onClick={() => setHistoryOf(i)}>{t('historyTitle')}</a>
                {' · '}
                <WorkflowActions session={i} kind={i.kind} user={user} />
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
