import { Card, Empty, Pagination, Popconfirm, Space, Spin, Typography, type PaginationProps } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n.tsx';

/** One record of a list as a phone shows it. */
export interface PhoneCard {
  key: number;
  title: ReactNode;
  status: ReactNode;
  /** short facts, joined by " · " (empty ones left out) */
  details: (string | null | undefined)[];
  evidence: { sha256: string; name: string }[];
  actions: ReactNode;
}

/**
 * A list on a phone: one card per record with what it is, its state, its evidence and what can be done —
 * nothing to scroll sideways (a table would be five times the screen's width). `testId` names the list as the
 * table it stands for does; `data-layout="cards"` says which one is shown.
 */
export function PhoneCards({
  cards,
  loading,
  pagination,
  testId,
}: {
  cards: PhoneCard[] | undefined;
  loading: boolean;
  pagination: PaginationProps;
  testId: string;
}) {
  return (
    <div data-testid={testId} data-layout="cards">
      {loading && <Spin />}
      {cards?.length === 0 && <Empty />}
      {(cards ?? []).map((c) => (
        <Card key={c.key} size="small" style={{ marginBottom: 8 }}>
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
              <Typography.Text strong>{c.title}</Typography.Text>
              {c.status}
            </Space>
            <Typography.Text type="secondary">{c.details.filter(Boolean).join(' · ')}</Typography.Text>
            {c.evidence.map((e) => (
              <a key={e.sha256} href={`/api/files/${e.sha256}`}>
                {e.name}
              </a>
            ))}
            {c.actions}
          </Space>
        </Card>
      ))}
      <Pagination {...pagination} size="small" align="center" />
    </div>
  );
}

/** A list's pages of twenty, as the table and the cards both show them. */
export const pagesOf = (current: number, onChange: (page: number) => void, total: number | undefined) => ({
  current,
  pageSize: 20,
  total: total ?? 0,
  onChange,
  showSizeChanger: false,
});

/**
 * A record's row actions: edit and delete while it is a draft or returned and the user may write, then its workflow
 * steps.
 */
export function RowActions({
  editable,
  onEdit,
  onDelete,
  editTestId,
  children,
}: {
  editable: boolean;
  onEdit: () => void;
  onDelete: () => void;
  editTestId?: string;
  children: ReactNode;
}) {
  const { t } = useT();
  return (
    <Space wrap>
      {editable && (
        <>
          <a onClick={onEdit} data-testid={editTestId}>
            {t('edit')}
          </a>
          <Popconfirm title={`${t('delete')}?`} onConfirm={onDelete}>
            <a>{t('delete')}</a>
          </Popconfirm>
        </>
      )}
      {children}
    </Space>
  );
}
