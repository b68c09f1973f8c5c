import { App, Button, Upload } from 'antd';
import { api } from '../api.ts';
import { useT } from '../i18n.tsx';

export type EvidenceRef = { sha256: string; name: string };

/** Evidence files of a record: uploaded once (stored by content), listed, removable from the record. */
export function EvidenceUpload({
  value,
  onChange,
}: {
  value: EvidenceRef[];
  onChange: (next: (prev: EvidenceRef[]) => EvidenceRef[]) => void;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  return (
    <Upload
      // a phone offers its camera and gallery for images, and its files for the rest
      accept="image/*,video/*,audio/*,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt,.zip"
      fileList={value.map((e) => ({
        uid: e.sha256,
        name: e.name,
        status: 'done' as const,
        url: `/api/files/${e.sha256}`,
      }))}
      onRemove={(f) => onChange((prev) => prev.filter((e) => e.sha256 !== f.uid))}
      customRequest={async ({ file, onSuccess, onError }) => {
        const fd = new FormData();
        fd.append('file', file as File);
        try {
          const r = await api.post<EvidenceRef>('/api/files', fd);
          onChange((prev) => [...prev.filter((e) => e.sha256 !== r.sha256), { sha256: r.sha256, name: r.name }]);
          onSuccess?.(r);
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e));
          onError?.(e as Error);
        }
      }}
    >
      <Button data-testid="evidence-upload">{t('upload')}</Button>
    </Upload>
  );
}
