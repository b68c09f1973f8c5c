import { Alert } from 'antd';
import { useMeta } from '../hooks.ts';
import { useT } from '../i18n.tsx';

/** Above every staff screen when the server runs on demo data: the data are not real. */
export function DemoBanner() {
  const { t } = useT();
  const meta = useMeta();
  if (!meta.data?.demo) return null;
  return (
    <Alert
      type="warning"
      showIcon
      banner
      data-testid="demo-banner"
      title={`${t('demoBanner')} — ${meta.data.demo.provinceName}`}
    />
  );
}
