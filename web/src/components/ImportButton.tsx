import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Table, Upload } from 'antd';
import { useState } from 'react';
import { api, ApiError, downloadPost, type ApiErrorBody } from '../api.ts';
import { useT } from '../i18n.tsx';

/**
 * Uploads a CSV/XLSX to `url`; a refused file shows every bad row, downloadable as XLSX. `onDone` receives
 * the server's answer (a survey import's column report, say).
 */
export function ImportButton({
  url,
  onDone,
  label,
}: {
  url: string;
  onDone?: (answer: unknown) => void;
  /** the button's text (default: import from a file) */
  label?: string;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [errors, setErrors] = useState<ApiErrorBody | null>(null);
  return (
    <>
      <Upload
        accept=".csv,.xlsx"
        showUploadList={false}
        customRequest={async ({ file, onSuccess, onError }) => {
          const fd = new FormData();
          fd.append('file', file as File);
          setErrors(null);
          try {
            const r = await api.post<{ created: number }>(url, fd);
            message.success(`${t('imported')}: ${r.created}`);
            onDone?.(r);
            await qc.invalidateQueries();
            onSuccess?.(r);
          } catch (e) {
            if (e instanceof ApiError) setErrors(e.body);
            onError?.(e as Error);
          }
        }}
      >
        <Button>{label ?? t('importFile')}</Button>
      </Upload>
      <Modal
        open={errors !== null}
        onCancel={() => setErrors(null)}
        footer={null}
        width={760}
        title={t('importErrors')}
      >
        <Alert
          type="error"
          title={errors?.message}
          style={{ marginBottom: 12 }}
          action={
            <Button
              size="small"
              onClick={() => downloadPost('/api/import-errors.xlsx', { rows: errors?.rows ?? [] }, 'loi-nhap.xlsx')}
            >
              {t('downloadErrors')}
            </Button>
          }
        />
        <Table
          size="small"
          rowKey={(r) => `${r.line}-${r.column}-${r.reason}`}
          dataSource={errors?.rows ?? []}
          pagination={{ pageSize: 10 }}
          data-testid="import-errors"
          columns={[
            { title: t('line'), dataIndex: 'line', width: 70 },
            { title: t('column'), dataIndex: 'column', width: 160 },
            { title: t('reason'), dataIndex: 'reason' },
          ]}
        />
      </Modal>
    </>
  );
}
