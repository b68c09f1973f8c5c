import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, InputNumber, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, ApiError, downloadPost } from '../api.ts';
import { ImportButton } from '../components/ImportButton.tsx';
import { useT } from '../i18n.tsx';
import type { InvitationItem, MadeInvitations, WaveItem } from '../surveys.ts';
import { numberLocale } from '../format.ts';

/**
 * A wave's invitations (office): how many were sent and answered; new ones by number, or from the sample list
 * when the wave is sampled by strata, clusters or weights (each answer then carries its respondent's values);
 * the links of new ones downloaded once, as the server keeps only a fingerprint of each; an unanswered one
 * withdrawn.
 */
export function SurveyInvitations({ wave, onClose }: { wave: WaveItem; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [count, setCount] = useState<number | null>(10);
  const [made, setMade] = useState<MadeInvitations | null>(null);
  const sampled = Boolean(wave.design.strata || wave.design.cluster || wave.design.weight);
  const list = useQuery({
    queryKey: ['survey-invitations', wave.id],
    queryFn: () =>
      api.get<{ invited: number; answered: number; invitations: InvitationItem[] }>(
        `/api/surveys/waves/${wave.id}/invitations`,
      ),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['survey-invitations', wave.id] });
  const failed = (e: unknown) => message.error(e instanceof ApiError ? e.message : String(e));
  const make = async () => {
    try {
      setMade(await api.post<MadeInvitations>(`/api/surveys/waves/${wave.id}/invitations`, { count }));
      await qc.invalidateQueries();
    } catch (e) {
      failed(e);
    }
  };
  const withdraw = async (id: number) => {
    try {
      await api.del(`/api/surveys/invitations/${id}`);
      await refresh();
    } catch (e) {
      failed(e);
    }
  };
  const links = () =>
    downloadPost(
      '/api/surveys/invitations.xlsx',
      { origin: window.location.origin, invitations: made?.invitations ?? [] },
      `thu-moi-${wave.year}-${wave.id}.xlsx`,
    ).catch(failed);
  const data = list.data;
  return (
    <Modal open onCancel={onClose} footer={null} width={820} title={`${t('invitationsOf')}: ${wave.name}`}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('invitationsHelp')}</Typography.Paragraph>
        {sampled ? (
          <ImportButton
            url={`/api/surveys/waves/${wave.id}/invitations/import`}
            label={t('sampleList')}
            onDone={(r) => setMade(r as MadeInvitations)}
          />
        ) : (
          <Space wrap>
            <InputNumber
              id="invitation-count"
              aria-label={t('invitationCount')}
              addonBefore={t('invitationCount')}
              min={1}
              max={5000}
              precision={0}
              value={count}
              onChange={setCount}
            />
            <Button type="primary" onClick={make} disabled={!count} data-testid="make-invitations">
              {t('makeInvitations')}
            </Button>
          </Space>
        )}
        {made && (
          <Alert
            type="success"
            showIcon
            data-testid="invitations-made"
            title={t('invitationsMade').replace('{n}', made.created.toLocaleString(numberLocale()))}
            action={
              <Button size="small" onClick={links} data-testid="download-links">
                {t('downloadLinks')}
              </Button>
            }
          />
        )}
        {data && (
          <Typography.Text data-testid="invitation-counts">
            {t('invited')}: {data.invited.toLocaleString(numberLocale())} · {t('answered')}:{' '}
            {data.answered.toLocaleString(numberLocale())} · {t('responseRate')}:{' '}
            {data.invited
              ? `${((100 * data.answered) / data.invited).toLocaleString(numberLocale(), {
                  maximumFractionDigits: 1,
                })}%`
              : '—'}
          </Typography.Text>
        )}
        <Table
          size="small"
          rowKey="id"
          loading={list.isLoading}
          dataSource={data?.invitations ?? []}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          scroll={{ x: true }}
          columns={[
            { title: '#', dataIndex: 'id' },
            { title: t('invited'), dataIndex: 'label', render: (l: string) => l || '—' },
            ...(sampled
              ? [
                  { title: t('stratum'), dataIndex: 'stratum' },
                  { title: t('cluster'), dataIndex: 'cluster' },
                  {
                    title: t('weight'),
                    dataIndex: 'weight',
                    align: 'right' as const,
                    render: (w: number) => w.toLocaleString(numberLocale()),
                  },
                ]
              : []),
            {
              title: t('answeredAt'),
              dataIndex: 'answeredAt',
              render: (at: string | null) =>
                at ? dayjs(at).format('DD/MM/YYYY HH:mm') : <Tag>{t('notAnswered')}</Tag>,
            },
            {
              title: '',
              render: (_: unknown, i: InvitationItem) =>
                !i.answeredAt && (
                  <Popconfirm title={`${t('withdraw')}?`} onConfirm={() => withdraw(i.id)}>
                    <Button size="small" danger>
                      {t('withdraw')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Space>
    </Modal>
  );
}
