import { useId, useRef, useState } from 'preact/hooks';

/** Copies with the asynchronous Clipboard API, or by selecting the field where that is unavailable. */
export async function copyText(text: string, field: HTMLInputElement | HTMLTextAreaElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall back to selecting the text
  }
  if (!field) return false;
  field.focus();
  field.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

/** A value shown once (a JWT, a client secret, an invitation link), with a Copy button. */
export function SecretValue({ label, value, multiline = false }: { label: string; value: string; multiline?: boolean }) {
  const id = useId();
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [status, setStatus] = useState('');

  const copy = async () => {
    setStatus('');
    const ok = await copyText(value, field.current);
    setStatus(ok ? `${label} copied to the clipboard.` : 'Copying failed: the text is selected, copy it with your keyboard.');
  };

  return (
    <div class="secret">
      <label for={id}>{label}</label>
      <div class="secret-row">
        {multiline ? (
          <textarea id={id} ref={field} class="mono" readOnly rows={5} value={value} spellcheck={false} onFocus={(e) => e.currentTarget.select()} />
        ) : (
          <input id={id} ref={field} class="mono" readOnly value={value} spellcheck={false} onFocus={(e) => e.currentTarget.select()} />
        )}
        <button type="button" onClick={copy} aria-label={`Copy ${label}`}>
          Copy
        </button>
      </div>
      <p class="copy-status" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
