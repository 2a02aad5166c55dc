// Cancelling asks first, and then offers "undo" for 10 s: the cancelled wake-up or group is booked
// again through the API (rebookBody), so a slip of the finger loses nothing.
import { el, setMessage } from './util.js';
import { t } from './i18n.js';
import { errorText, SignedOut } from './api.js';

export const UNDO_MS = 10000;

/** Asks before cancelling `what` (a sentence naming it); true to go on. */
export function confirmCancel(what) {
  return window.confirm(t('cancel.ask', { what }));
}

/** Shows `text` in `node` with an undo button for 10 s; `restore` books the item again. */
export function offerUndo(node, text, restore) {
  const button = el('button', { type: 'button', class: 'btn small undo', text: t('cancel.undo') });
  setMessage(node, 'ok', text, [button]);
  const timer = setTimeout(() => button.remove(), UNDO_MS);
  button.addEventListener('click', async () => {
    clearTimeout(timer);
    button.disabled = true;
    try {
      await restore();
      setMessage(node, 'ok', t('cancel.restored'));
    } catch (e) {
      if (!(e instanceof SignedOut)) setMessage(node, 'error', errorText(e));
    }
  });
}
