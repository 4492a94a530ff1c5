import { Link } from '../router';

/** The next thing to do from an empty list: another page, a field of this page to start with, or an action. */
export type NextAction = { label: string; href: string } | { label: string; focus: string } | { label: string; onClick(): void };

/** Brings a field of the page into view and puts the cursor in it. */
export function focusField(id: string): void {
  const field = document.getElementById(id);
  field?.scrollIntoView({ block: 'center' });
  field?.focus();
}

/** What an empty list says (a short sentence), with the next action as a button. */
export function EmptyState({ message, action }: { message: string; action?: NextAction }) {
  return (
    <div class="empty-state">
      <p class="empty">{message}</p>
      {action && 'href' in action ? (
        <Link href={action.href} class="button primary">
          {action.label}
        </Link>
      ) : null}
      {action && !('href' in action) ? (
        <button type="button" class="primary" onClick={() => ('focus' in action ? focusField(action.focus) : action.onClick())}>
          {action.label}
        </button>
      ) : null}
    </div>
  );
}
