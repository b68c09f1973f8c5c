import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, ApiError } from '../api.ts';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useT, type StringKey } from '../i18n.tsx';

type Status = 'pending' | 'accepted' | 'rejected';
interface PublicReport {
  id: number;
  kind: 'false_information' | 'convention_clause';
  text: string;
  place: string;
  link: string;
  name: string;
  contact: string;
  createdAt: string;
  status: Status;
  decisionNote: string;
  recordId: number | null;
  conventionId: number | null;
}
interface ConventionItem {
  id: number;
  title: string;
  villageName: string;
  communeName: string;
}

const STATUS_KEYS: Record<Status, StringKey> = { pending: 'prPending', accepted: 'prAccepted', rejected: 'prRejected' };
const KIND_KEYS: Record<PublicReport['kind'], StringKey> = {
  false_information: 'ptKindFalse',
  convention_clause: 'ptKindClause',
};

/** What the public sent through the portal: the office accepts each (a case or a finding) or rejects it. */
export function PublicReportsPage() {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<Status>('pending');
  const list = useQuery({
    queryKey: ['public-reports', status],
    queryFn: () => api.get<PublicReport[]>(`/api/public-reports?status=${status}`),
  });
  const conventions = useQuery({
    queryKey: ['conventions-all'],
    queryFn: () => api.get<ConventionItem[]>('/api/conventions?limit=500'),
  });
  const [accepting, setAccepting] = useState<PublicReport | null>(null);
  const [rejecting, setRejecting] = useState<PublicReport | null>(null);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [conventionId, setConventionId] = useState<number | null>(null);
  const [location, setLocation] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
      message.success(t('prDone'));
      setAccepting(null);
      setRejecting(null);
      await qc.invalidateQueries({ queryKey: ['public-reports'] });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('public-reports')}
      </Typography.Title>
      <Segmented<Status>
        value={status}
        onChange={setStatus}
        options={(['pending', 'accepted', 'rejected'] as const).map((s) => ({ value: s, label: t(STATUS_KEYS[s]) }))}
      />
      <Table<PublicReport>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        scroll={{ x: 800 }}
        data-testid="public-reports"
        columns={[
          { title: '#', dataIndex: 'id', width: 60 },
          {
            title: t('prReceived'),
            render: (_: unknown, r) => dayjs(r.createdAt).format('DD/MM/YYYY HH:mm'),
            width: 140,
          },
          { title: t('ptReportKind'), render: (_: unknown, r) => <Tag>{t(KIND_KEYS[r.kind])}</Tag>, width: 200 },
          {
            title: t('ptText'),
            render: (_: unknown, r) => (
              <>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                  {r.text}
                </Typography.Paragraph>
                {r.place && <Typography.Text type="secondary">{r.place} </Typography.Text>}
                {r.link && (
                  <Typography.Text type="secondary" copyable>
                    {r.link}
                  </Typography.Text>
                )}
              </>
            ),
          },
          {
            title: t('prSender'),
            render: (_: unknown, r) => (r.name || r.contact ? `${r.name} ${r.contact}`.trim() : t('prAnonymous')),
            width: 180,
          },
          {
            title: '',
            width: 200,
            render: (_: unknown, r) =>
              r.status === 'pending' ? (
                <Space wrap>
                  <Button
                    type="primary"
                    size="small"
                    onClick={() => {
                      setAccepting(r);
                      setUnitId(null);
                      setConventionId(null);
                      setLocation('');
                    }}
                  >
                    {t('prAccept')}
                  </Button>
                  <Button
                    size="small"
                    onClick={() => {
                      setRejecting(r);
                      setReason('');
                    }}
                  >
                    {t('prReject')}
                  </Button>
                </Space>
              ) : r.recordId ? (
                <a href={`#/records/false_information_case/${r.recordId}`}>{t('prOpenRecord')}</a>
              ) : r.conventionId ? (
                <a href={`#/conventions/${r.conventionId}`}>{t('prOpenConvention')}</a>
              ) : (
                r.decisionNote
              ),
          },
        ]}
      />
      <Modal
        open={accepting !== null}
        title={`${t('prAccept')} #${accepting?.id ?? ''}`}
        okText={t('prAccept')}
        cancelText={t('cancel')}
        confirmLoading={busy}
        onCancel={() => setAccepting(null)}
        onOk={() =>
          act(() =>
            api.post(`/api/public-reports/${accepting!.id}/accept`, {
              ...(unitId ? { unitId } : {}),
              ...(conventionId ? { conventionId, location } : {}),
            }),
          )
        }
      >
        {accepting?.kind === 'false_information' ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <label htmlFor="pr-unit">{t('prUnit')}</label>
            <UnitSelect id="pr-unit" value={unitId} onChange={setUnitId} ariaLabel={t('prUnit')} />
          </Space>
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            <label htmlFor="pr-convention">{t('prConvention')}</label>
            <Select
              id="pr-convention"
              showSearch
              optionFilterProp="label"
              style={{ width: '100%' }}
              value={conventionId ?? undefined}
              onChange={(v: number) => setConventionId(v)}
              options={(conventions.data ?? []).map((c) => ({
                value: c.id,
                label: `${c.title} — ${c.villageName}, ${c.communeName}`,
              }))}
            />
            <label htmlFor="pr-location">{t('prLocation')}</label>
            <Input id="pr-location" value={location} onChange={(e) => setLocation(e.target.value)} />
          </Space>
        )}
      </Modal>
      <Modal
        open={rejecting !== null}
        title={`${t('prReject')} #${rejecting?.id ?? ''}`}
        okText={t('prReject')}
        cancelText={t('cancel')}
        confirmLoading={busy}
        onCancel={() => setRejecting(null)}
        onOk={() => act(() => api.post(`/api/public-reports/${rejecting!.id}/reject`, { reason }))}
      >
        <label htmlFor="pr-reason">{t('prReason')}</label>
        <Input.TextArea id="pr-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Space>
  );
}
