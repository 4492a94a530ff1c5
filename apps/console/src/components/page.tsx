import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';

/**
 * One page of the console: its `<h1>` names the page, and receives focus when the page opens, so
 * keyboard and screen-reader users start at the new content after every navigation. The focus
 * moves before the page is painted, so it never lands after the user has started using the page
 * (it would close a menu they just opened).
 */
export function Page({
  title,
  busy = false,
  children,
  actions,
}: {
  title: string;
  busy?: boolean;
  children?: ComponentChildren;
  actions?: ComponentChildren;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    heading.current?.focus();
  }, []);
  useEffect(() => {
    document.title = `${title} · Latchkey Developer Console`;
  }, [title]);
  return (
    <div class="page" aria-busy={busy ? 'true' : 'false'}>
      <div class="page-head">
        <h1 tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {actions ? <div class="page-actions">{actions}</div> : null}
      </div>
      {children}
    </div>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {what}…
    </p>
  );
}
