import { useQuery } from '@tanstack/react-query';
import { Card, Input, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { auditChanges, type AuditChange } from '../../../src/core/audit-changes.ts';
import { api, qs } from '../api.ts';
import { useT } from '../i18n.tsx';
import { useRecordTypes } from '../records/useRecordTypes.ts';

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
  finalise: 'volcano',
};

/** Where an audited record is seen in the client, when it has a page. */
function linkOf(entity: string, id: string, recordTypes: Set<string>): string | null {
  if (!/^\d+$/u.test(id)) return entity === 'plan' ? '#/plan' : null;
  if (entity === 'communication_session') return `#/sessions/${id}`;
  if (entity === 'convention') return `#/conventions/${id}`;
  if (entity === 'unit') return `#/units/${id}`;
  if (entity === 'media_assessment') return `#/media/assessments/${id}`;
  if (entity === 'official_report') return `#/official-reports/${id}`;
  if (recordTypes.has(entity)) return `#/records/${entity}/${id}`;
  return null;
}

const shown = (v: unknown): string =>
  v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);

/** Who changed what, when: the fields that changed, before → after, in words; the record linked. */
export function AuditPage() {
  const { t, tOr, label } = useT();
  const types = useRecordTypes();
  const recordTypes = new Set((types.data ?? []).map((d) => d.type));
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
  // a field's name in the client's words where it has one (title, date…); codes of goals and indicators as they are
  const segment = (s: string) => tOr(s, s);
  const pathOf = (c: AuditChange) => (c.path.length === 0 ? t('auditWholeRecord') : c.path.map(segment).join(' › '));
  const actionOf = (r: AuditItem) => {
    // a workflow step is audited as a change whose "after" names the step
    const step = (r.after as { workflow?: string } | null)?.workflow;
    return step && tOr(`audit_${step}`, '') ? step : r.action;
  };
  const entityOf = (r: AuditItem): ReactNode => {
    const def = types.data?.find((d) => d.type === r.entity);
    const name = def ? label(def) : tOr(`entity_${r.entity}`, r.entity);
    const href = linkOf(r.entity, r.entity_id, recordTypes);
    const text = `${name} #${r.entity_id}`;
    return href ? <a href={href}>{text}</a> : text;
  };
  // once per page of entries (a plan's change walks the whole plan); the step's own name is not a change
  const changes = useMemo(
    () =>
      new Map(
        (list.data?.items ?? []).map((r) => [
          r.id,
          auditChanges(r.before, r.after).filter((c) => c.path[0] !== 'workflow'),
        ]),
      ),
    [list.data],
  );
  const changesOf = (r: AuditItem) => changes.get(r.id) ?? [];
  return (
    <Card
      title={t('audit')}
      extra={
        <Space wrap>
          <Input.Search
            placeholder={t('entity')}
            allowClear
            onSearch={(v) => {
              setEntity(v);
              setPage(1);
            }}
            style={{ width: 220, maxWidth: 'calc(100vw - 80px)' }}
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
          // a sign-in or a backup changes no field: nothing to open
          rowExpandable: (r) => changesOf(r).length > 0,
          expandedRowRender: (r) => (
            <Table
              size="small"
              rowKey={(c) => c.path.join('/')}
              pagination={false}
              dataSource={changesOf(r)}
              data-testid="audit-changes"
              columns={[
                { title: t('auditField'), render: (_: unknown, c: AuditChange) => pathOf(c) },
                {
                  title: t('before'),
                  render: (_: unknown, c: AuditChange) => <code className="audit-value">{shown(c.before)}</code>,
                },
                {
                  title: t('after'),
                  render: (_: unknown, c: AuditChange) => <code className="audit-value">{shown(c.after)}</code>,
                },
              ]}
            />
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
          {
            title: t('action'),
            render: (_: unknown, r: AuditItem) => {
              const a = actionOf(r);
              return <Tag color={COLORS[a]}>{tOr(`audit_${a}`, a)}</Tag>;
            },
          },
          { title: t('entity'), render: (_: unknown, r: AuditItem) => entityOf(r) },
          {
            title: t('auditChanges'),
            render: (_: unknown, r: AuditItem) => {
              if (r.action !== 'update') return null;
              const changes = changesOf(r);
              const first = changes
                .slice(0, 2)
                .map((c) => `${pathOf(c)}: ${shown(c.before)} → ${shown(c.after)}`)
                .join('; ');
              return (
                <Typography.Text ellipsis style={{ maxWidth: 360 }} data-testid="audit-summary">
                  {changes.length > 2 ? `${first}; … (${changes.length})` : first}
                </Typography.Text>
              );
            },
          },
          { title: t('ipAddress'), dataIndex: 'ip' },
        ]}
      />
    </Card>
  );
}
