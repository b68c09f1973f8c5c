import { App } from 'antd';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useT } from '../i18n.tsx';
import { setLeaveGuard } from '../router.ts';

/**
 * Enter in a one-line field does not send the form (a browser sends it by default: a date confirmed with
 * Enter saved a training course twice). Enter still works in a text area, on a button and inside the
 * date and list pickers, which handle it before it reaches the form.
 */
export function keepEnterInField(e: KeyboardEvent<HTMLFormElement>): void {
  if (e.key === 'Enter' && !e.nativeEvent.isComposing && e.target instanceof HTMLInputElement) e.preventDefault();
}

/**
 * A data-entry form's protections: `formProps` go on the antd Form (Enter kept in its field; any change
 * marks the form as changed); `touch()` marks changes made outside the form's fields (evidence files);
 * `saved()` before leaving after a save. While changed, going to another page asks first, and closing or
 * reloading the tab gets the browser's own question.
 */
export function useFormProtection() {
  const { modal } = App.useApp();
  const { t } = useT();
  const changed = useRef(false);
  useEffect(() => {
    const unload = (e: BeforeUnloadEvent) => {
      if (changed.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', unload);
    const removeGuard = setLeaveGuard(() =>
      changed.current
        ? new Promise<boolean>((resolve) =>
            modal.confirm({
              title: t('unsavedTitle'),
              content: t('unsavedText'),
              okText: t('unsavedLeave'),
              cancelText: t('unsavedStay'),
              okButtonProps: { danger: true },
              // Enter or a tap on the focused button keeps the input
              autoFocusButton: 'cancel',
              onOk: () => resolve(true),
              onCancel: () => resolve(false),
            }),
          )
        : true,
    );
    return () => {
      window.removeEventListener('beforeunload', unload);
      removeGuard();
    };
  }, [modal, t]);
  const touch = () => {
    changed.current = true;
  };
  return {
    formProps: { onKeyDown: keepEnterInField, onValuesChange: touch },
    touch,
    saved: () => {
      changed.current = false;
    },
  };
}
