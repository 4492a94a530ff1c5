import { useId, useState } from 'preact/hooks';
import { ALL_EVENTS, WEBHOOK_EVENT_GROUPS } from '../webhooks';
import { TextField } from './text-field';

export interface WebhookFields {
  url: string;
  events: string[];
  description: string;
}

interface WebhookFormFieldsProps {
  value: WebhookFields;
  onChange(next: WebhookFields): void;
  /** Ids unique on the page. */
  idPrefix: string;
}

/** The URL, event types ("All events" or a choice) and description of an endpoint, for creating or editing it. */
export function WebhookFormFields({ value, onChange, idPrefix }: WebhookFormFieldsProps) {
  const all = value.events.includes(ALL_EVENTS);
  const legendId = useId();
  const [chosen, setChosen] = useState<string[]>(all ? [] : value.events);
  const set = (patch: Partial<WebhookFields>) => onChange({ ...value, ...patch });
  return (
    <>
      <TextField
        id={`${idPrefix}-url`}
        name="url"
        label="Endpoint URL"
        hint="An https:// address that accepts POST requests. Addresses in private networks are refused unless the server allows them."
        value={value.url}
        onInput={(url) => set({ url })}
      />
      <fieldset aria-labelledby={legendId}>
        <legend id={legendId}>Events</legend>
        <label class="choice">
          <input type="radio" name={`${idPrefix}-scope`} checked={all} onChange={() => set({ events: [ALL_EVENTS] })} />
          All events, including those added later
        </label>
        <label class="choice">
          <input type="radio" name={`${idPrefix}-scope`} checked={!all} onChange={() => set({ events: chosen })} />
          Only the events I choose
        </label>
        {!all
          ? WEBHOOK_EVENT_GROUPS.map((group) => (
              <fieldset key={group.label} class="event-group">
                <legend>{group.label}</legend>
                {group.types.map(([type, label]) => (
                  <label class="choice" key={type}>
                    <input
                      type="checkbox"
                      name={`${idPrefix}-events`}
                      value={type}
                      checked={value.events.includes(type)}
                      onChange={(e) => {
                        const events = e.currentTarget.checked ? [...value.events, type] : value.events.filter((t) => t !== type);
                        setChosen(events);
                        set({ events });
                      }}
                    />
                    {label} <code>{type}</code>
                  </label>
                ))}
              </fieldset>
            ))
          : null}
      </fieldset>
      <TextField
        id={`${idPrefix}-description`}
        name="description"
        label="Description (optional)"
        required={false}
        value={value.description}
        onInput={(description) => set({ description })}
      />
    </>
  );
}
