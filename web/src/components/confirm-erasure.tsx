// Asks before an erasure, in a modal dialog: it cannot be undone, and what stays (the records the
// funder needs) is attributed to a pseudonym. Cancel has the focus first; Esc cancels too, and the
// focus goes back to what opened it. Whether it is open is the dialog's own state, not a
// component's, so that closing and opening again at once cannot be lost in one render.
import { useRef, useState } from 'preact/hooks';
import { useApp } from '../context';

let dialogCounter = 0;

/** `dialog` goes in the page; `ask()` opens it, and `erase` runs once the person confirms. */
export function useErasureConfirmation(who: string, erase: () => void) {
  const { t } = useApp();
  const element = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const [id] = useState(() => `erase-${++dialogCounter}`);
  const ask = () => {
    opener.current = document.activeElement;
    element.current?.showModal();
  };
  const close = () => element.current?.close();
  const dialog = (
    <dialog
      ref={element}
      class="confirm"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onClose={() => {
        if (opener.current instanceof HTMLElement) opener.current.focus();
      }}
    >
      <h2 id={`${id}-title`}>{t('erase.title', { who })}</h2>
      <div id={`${id}-text`}>
        <p><strong>{t('erase.cannotUndo')}</strong> {t('erase.goes')}</p>
        <p>{t('erase.stays')}</p>
      </div>
      <div class="actions">
        <button type="button" class="danger" onClick={() => { close(); erase(); }}>{t('erase.confirm')}</button>
        <button type="button" autofocus onClick={close}>{t('cancel')}</button>
      </div>
    </dialog>
  );
  return { ask, dialog };
}
