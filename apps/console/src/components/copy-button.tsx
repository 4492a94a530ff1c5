import { useState } from 'preact/hooks';
import { copyText } from './secret-value';

/** A small Copy button for a value shown in the page (an id), saying when it is copied. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [status, setStatus] = useState('');
  return (
    <>
      <button
        type="button"
        class="small"
        aria-label={label}
        onClick={async () => setStatus((await copyText(value, null)) ? 'Copied' : 'Select the text to copy it')}
      >
        Copy
      </button>
      <span class="copy-status" role="status" aria-live="polite">
        {status}
      </span>
    </>
  );
}
