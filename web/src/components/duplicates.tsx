import { App, Button } from 'antd';
import { api, ApiError } from '../api.ts';
import { useT } from '../i18n.tsx';

/**
 * Creating with a check for a likely repeat: the server refuses a record of the same unit, day and title
 * (LIKELY_DUPLICATE, nothing written); this shows which stored record it resembles and lets the user open
 * it, go back to the form, or save anyway. Resolves with the created record, or null when not saved.
 */
export function useCreateUnlessDuplicate() {
  const { modal } = App.useApp();
  const { t } = useT();
  const ask = (e: ApiError, open: (id: number) => void) =>
    new Promise<boolean>((resolve) => {
      const id = e.body.duplicateOf;
      const dialog = modal.confirm({
        title: t('duplicateTitle'),
        content: (
          <>
            <p data-testid="duplicate-message">{e.body.message}</p>
            {id !== undefined && (
              <Button
                type="link"
                style={{ padding: 0 }}
                onClick={() => {
                  dialog.destroy();
                  resolve(false);
                  open(id);
                }}
              >
                {t('duplicateOpen')}
              </Button>
            )}
          </>
        ),
        okText: t('duplicateSaveAnyway'),
        cancelText: t('cancel'),
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });
  return async <T,>(url: string, body: Record<string, unknown>, open: (id: number) => void): Promise<T | null> => {
    try {
      return await api.post<T>(url, body);
    } catch (e) {
      if (!(e instanceof ApiError) || e.body.code !== 'LIKELY_DUPLICATE') throw e;
      if (!(await ask(e, open))) return null;
      return api.post<T>(url, { ...body, allowDuplicate: true });
    }
  };
}
