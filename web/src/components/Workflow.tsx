import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Input, Modal, Space, Table, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, ApiError, type RecordStatus, type User } from '../api.ts';
import { isEditable } from '../../../src/core/workflow.ts';
import { canWriteFor, isOffice } from '../hooks.ts';
import { useT } from '../i18n.tsx';
import { shownValue } from '../format.ts';

const STATUS_COLORS: Record<RecordStatus, string> = {
  draft: 'default',
  submitted: 'gold',
  approved: 'green',
  returned: 'red',
};

export function RecordStatusTag({ status }: { status: RecordStatus }) {
  const { t } = useT();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={`record-status-${status}`}>
      {t(`status_${status}`)}
    </Tag>
  );
}

type Action = 'submit' | 'approve' | 'return' | 'reopen';

/** What the workflow needs to know of a record of any kind. */
export interface WorkflowRecord {
  id: number;
  version: number;
  status: RecordStatus;
  unitId: number;
}

/** The unit may still change the record: a draft or a returned record, by someone who writes for its unit. */
export const canEdit = (user: User, r: WorkflowRecord, kind: string): boolean =>
  isEditable(r.status) && canWriteFor(user, r.unitId, kind);

/** The office reviews a record awaiting approval in the review panel (its Approve / Return are there). */
export const inReview = (user: User, r: WorkflowRecord): boolean => isOffice(user) && r.status === 'submitted';

/** The API of a kind of record: sessions, or records of a type. */
export const recordBase = (kind: string): string =>
  kind === 'communication_session'
    ? '/api/sessions'
    : kind === 'media_assessment'
      ? '/api/media/assessments'
      : `/api/records/${kind}`;

/**
 * The workflow steps this user may take on a record (a session by default), with a reason asked where the
 * workflow needs one.
 */
export function WorkflowActions({
  session,
  user,
  kind = 'communication_session',
}: {
  session: WorkflowRecord;
  user: User;
  kind?: string;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [asking, setAsking] = useState<Action | null>(null);
  const [comment, setComment] = useState('');
  const run = async (action: Action, reason?: string) => {
    try {
      await api.post(`${recordBase(kind)}/${session.id}/transition`, {
        action,
        version: session.version,
        comment: reason,
      });
      setAsking(null);
      setComment('');
      await qc.invalidateQueries();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  const owner = canWriteFor(user, session.unitId, kind);
  const office = isOffice(user);
  const links: [Action, string][] = [];
  if (owner && (session.status === 'draft' || session.status === 'returned')) links.push(['submit', t('submitAction')]);
  if (office && session.status === 'submitted') links.push(['approve', t('approve')], ['return', t('returnAction')]);
  if (office && session.status === 'approved') links.push(['reopen', t('reopen')]);
  return (
    <>
      <Space size="small">
        {links.map(([a, text]) => (
          <a
            key={a}
            data-testid={kind === 'communication_session' ? `wf-${a}-${session.id}` : `wf-${a}-${kind}-${session.id}`}
            onClick={() => (a === 'return' || a === 'reopen' ? setAsking(a) : run(a))}
          >
            {text}
          </a>
        ))}
      </Space>
      <Modal
        open={asking !== null}
        title={asking === 'reopen' ? t('reopen') : t('returnAction')}
        onCancel={() => setAsking(null)}
        onOk={() => asking && run(asking, comment)}
        okButtonProps={{ disabled: !comment.trim(), id: 'wf-confirm' }}
      >
        <Input.TextArea
          rows={3}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={t('reasonRequired')}
          id="wf-comment"
        />
      </Modal>
    </>
  );
}

interface History {
  events: { action: string; from: string | null; to: string; comment: string | null; at: string; by: string | null }[];
  changedSinceApproval: { field: string; before: unknown; after: unknown }[] | null;
}

/** Who submitted, returned, approved or reopened the record, and what changed since it was approved. */
export function HistoryModal({
  sessionId,
  onClose,
  kind = 'communication_session',
}: {
  sessionId: number | null;
  onClose: () => void;
  kind?: string;
}) {
  const { t, tOr } = useT();
  const history = useQuery({
    queryKey: ['history', kind, sessionId],
    enabled: sessionId !== null,
    queryFn: () => api.get<History>(`${recordBase(kind)}/${sessionId}/history`),
  });
  const h = history.data;
  return (
    <Modal open={sessionId !== null} onCancel={onClose} footer={null} title={t('historyTitle')} width={720}>
      {h && (
        <>
          <Timeline
            items={h.events.map((e) => ({
              children: (
                <span>
                  <b>{tOr(`audit_${e.action}`, e.action)}</b> {e.from ? `${tOr(`status_${e.from}`, e.from)} → ` : ''}
                  {tOr(`status_${e.to}`, e.to)}
                  {' — '}
                  {e.by ?? t('bySystem')}, {dayjs(e.at).format('DD/MM/YYYY HH:mm')}
                  {e.comment && (
                    <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                      “{e.comment}”
                    </Typography.Paragraph>
                  )}
                </span>
              ),
            }))}
          />
          {h.changedSinceApproval && (
            <>
              <Typography.Title level={5}>{t('changedSince')}</Typography.Title>
              <Table
                size="small"
                rowKey="field"
                pagination={false}
                dataSource={h.changedSinceApproval}
                columns={[
                  { title: t('changedField'), dataIndex: 'field', render: (f: string) => tOr(f, f) },
                  { title: t('before'), dataIndex: 'before', render: shownValue },
                  { title: t('after'), dataIndex: 'after', render: shownValue },
                ]}
              />
            </>
          )}
        </>
      )}
    </Modal>
  );
}

/**
 * The review of one record on its own page: to its unit, why the office returned it (until it is sent
 * again); to the office, while it awaits approval, Approve / Return and what changed since it was last
 * approved.
 */
export function ReviewPanel({
  record,
  kind,
  user,
  fieldLabel,
}: {
  record: WorkflowRecord;
  kind: string;
  user: User;
  /** a changed field's name as the form shows it, when the catalogue's words are not it */
  fieldLabel?: (field: string) => string | undefined;
}) {
  const { t, tOr } = useT();
  const shown = record.status === 'returned' || inReview(user, record);
  const history = useQuery({
    queryKey: ['history', kind, record.id, record.version],
    enabled: shown,
    queryFn: () => api.get<History>(`${recordBase(kind)}/${record.id}/history`),
  });
  if (!shown || !history.data) return null;
  const returned = [...history.data.events].reverse().find((e) => e.action === 'return');
  const changed = history.data.changedSinceApproval;
  return record.status === 'returned' ? (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="return-reason"
      title={t('returnedBecause')}
      description={
        returned && (
          <>
            “{returned.comment}” — {returned.by ?? ''}, {dayjs(returned.at).format('DD/MM/YYYY HH:mm')}
          </>
        )
      }
    />
  ) : (
    <Alert
      type="info"
      style={{ marginBottom: 16 }}
      data-testid="review-panel"
      title={
        <Space wrap>
          {t('awaitsYourReview')}
          <WorkflowActions session={record} user={user} kind={kind} />
        </Space>
      }
      description={
        changed &&
        (changed.length === 0
          ? t('unchangedSinceApproval')
          : `${t('changedSince')}: ${changed.map((c) => fieldLabel?.(c.field) || tOr(c.field, c.field)).join(', ')}`)
      }
    />
  );
}
