// Cancelling asks first, and then offers "undo" for 10 s: the cancelled wake-up or group is booked
// again through the API (rebookBody), so a slip of the finger loses nothing.
import { el, liveMessage } from './util.js';
import { t } from './i18n.js';
import { errorText, SignedOut } from './api.js';

export const UNDO_MS = 10000;

/** Asks before cancelling `what` (a sentence naming it); true to go on. */
export function confirmCancel(what) {
  return window.confirm(t('cancel.ask', { what }));
}

/** Shows `text()` (written again after a language switch) in `node` with an undo button for
 *  10 s; `restore` books the item again. */
export function offerUndo(node, text, restore) {
  const button = el('button', { type: 'button', class: 'btn small undo' });
  let offered = true;
  liveMessage(node, () => {
    button.textContent = t('cancel.undo');
    return ['ok', text(), offered ? [button] : []];
  });
  const timer = setTimeout(() => { offered = false; button.remove(); }, UNDO_MS);
  button.addEventListener('click', async () => {
    clearTimeout(timer);
    button.disabled = true;
    try {
      await restore();
      liveMessage(node, () => ['ok', t('cancel.restored')]);
    } catch (e) {
      if (!(e instanceof SignedOut)) liveMessage(node, () => ['error', errorText(e)]);
    }
  });
}
