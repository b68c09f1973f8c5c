import { Button, Space } from 'antd';
import { useT } from '../i18n.tsx';

/**
 * A record form's buttons: save as a draft, save and send for approval (both submit the form; which one was
 * pressed is kept by `setAndSubmit`), cancel. Test ids `<prefix>-save` and `<prefix>-save-submit`.
 */
export function SaveButtons({
  saving,
  andSubmit,
  setAndSubmit,
  prefix,
}: {
  saving: boolean;
  andSubmit: boolean;
  setAndSubmit: (v: boolean) => void;
  prefix: string;
}) {
  const { t } = useT();
  return (
    <Space wrap>
      <Button
        htmlType="submit"
        loading={saving && !andSubmit}
        onClick={() => setAndSubmit(false)}
        data-testid={`${prefix}-save`}
      >
        {t('saveDraft')}
      </Button>
      <Button
        type="primary"
        htmlType="submit"
        loading={saving && andSubmit}
        onClick={() => setAndSubmit(true)}
        data-testid={`${prefix}-save-submit`}
      >
        {t('saveSubmit')}
      </Button>
      <Button onClick={() => window.history.back()} disabled={false}>
        {t('cancel')}
      </Button>
    </Space>
  );
}
