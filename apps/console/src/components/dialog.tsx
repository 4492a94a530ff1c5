import type { ComponentChildren } from 'preact';
import { useEffect, useId, useLayoutEffect, useRef } from 'preact/hooks';
import { ErrorAlert } from './error-alert';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  /** The safe choice's label, when "Cancel" would be ambiguous (cancelling an invitation). */
  cancelLabel?: string;
  /** Where focus goes when it opens: the safe choice, or the first field of a dialog that is a form. */
  initialFocus?: 'cancel' | 'first-field';
  busy?: boolean;
  danger?: boolean;
  error?: unknown;
  children?: ComponentChildren;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A modal confirmation (the native `<dialog>`): focus moves into it (to Cancel, the safe choice, or
 * to the first field of a dialog that is a form), stays inside while it is open, Escape cancels,
 * and focus returns to what opened it.
 */
export function ConfirmDialog({
  open,
  title,
  confirmLabel,
  cancelLabel = 'Cancel',
  initialFocus = 'cancel',
  busy,
  danger,
  error,
  children,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();

  // Layout effects, so focus has moved before the user (or a later page effect) acts on it.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      const field = initialFocus === 'first-field' ? dialog.querySelector<HTMLElement>('.dialog-body :is(input, select, textarea)') : null;
      (field ?? cancelRef.current)?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      const target = opener.current;
      opener.current = null;
      if (target && target.isConnected && !(target as HTMLButtonElement).disabled) target.focus();
      else document.querySelector<HTMLElement>('main h1')?.focus();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const onCancelEvent = (event: Event) => {
      event.preventDefault();
      if (!busy) onCancel();
    };
    dialog.addEventListener('cancel', onCancelEvent);
    return () => dialog.removeEventListener('cancel', onCancelEvent);
  }, [busy, onCancel]);

  return (
    <dialog ref={ref} class="dialog" aria-labelledby={titleId} aria-busy={busy ? 'true' : 'false'}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        <div class="dialog-body">{children}</div>
        <ErrorAlert error={error} />
        <div class="button-row">
          <button type="button" ref={cancelRef} onClick={onCancel} disabled={busy}>
            {cancelLabel}
          </button>
          <button type="submit" class={danger ? 'danger' : 'primary'} disabled={busy}>
            {busy ? `${confirmLabel}…` : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
