import type { ComponentChildren } from 'preact';
import { useId, useLayoutEffect, useRef } from 'preact/hooks';

interface SecretShownOnceProps {
  title: ComponentChildren;
  /** What to do now, shown in bold: the secret will not be shown again. */
  instruction: string;
  /** Why, or what follows from it. */
  explanation: ComponentChildren;
  /** The secret values (SecretValue) and anything that describes them. */
  children: ComponentChildren;
  /** The button that puts the secret away once it is copied. */
  done?: { label: string; onClick(): void };
  /** Links that leave the secret behind, instead of (or besides) the done button. */
  actions?: ComponentChildren;
  /** Shown as a card among others (false when it is the page's whole content). */
  card?: boolean;
}

/**
 * A secret Latchkey shows only once (a JWT, a client secret, an invitation link). Its heading
 * takes focus when it appears, so keyboard and screen-reader users land on what they must copy.
 */
export function SecretShownOnce({ title, instruction, explanation, children, done, actions, card = true }: SecretShownOnceProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  useLayoutEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section class={card ? 'card created' : 'created'} aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1} ref={heading}>
        {title}
      </h2>
      <div class="callout callout-warning" role="note">
        <p>
          <strong>{instruction}</strong> {explanation}
        </p>
      </div>
      {children}
      <div class="button-row">
        {done ? (
          <button type="button" onClick={done.onClick}>
            {done.label}
          </button>
        ) : null}
        {actions}
      </div>
    </section>
  );
}
