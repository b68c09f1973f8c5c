import { useQuery } from '@tanstack/react-query';
import { Card, Input, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { auditChanges, type AuditChange } from '../../../src/core/audit-changes.ts';
import { api, qs } from '../api.ts';
import { useT } from '../i18n.tsx';
import { useRecordTypes } from '../records/useRecordTypes.ts';
import { shownValue } from '../format.ts';

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
  /**
   * A changed field's name in the client's words: a record type's own field names (through its groups), the
   * catalogue's name of the field for that kind of record (field_official_report.signerName), the catalogue's
   * general word (title, date…); codes of goals and indicators stay as they are.
   */
  const pathOf = (entity: string, c: AuditChange) => {
    if (c.path.length === 0) return t('auditWholeRecord');
    let fields = types.data?.find((d) => d.type === entity)?.fields;
    const names: string[] = [];
    for (const s of c.path) {
      // a record's fields are kept under `data`, a word of the database
      if (s === 'data' && fields) continue;
      const f = fields?.find((x) => x.name === s);
      fields = f?.fields;
      names.push(f ? label(f) : tOr(`field_${entity}.${s}`, tOr(s, s)));
    }
    return names.join(' › ');
  };
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
                { title: t('auditField'), render: (_: unknown, c: AuditChange) => pathOf(r.entity, c) },
                {
                  title: t('before'),
                  render: (_: unknown, c: AuditChange) => <code className="audit-value">{shownValue(c.before)}</code>,
                },
                {
                  title: t('after'),
                  render: (_: unknown, c: AuditChange) => <code className="audit-value">{shownValue(c.after)}</code>,
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
                .map((c) => `${pathOf(r.entity, c)}: ${shownValue(c.before)} → ${shownValue(c.after)}`)
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
