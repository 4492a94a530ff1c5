import type { EventData } from '../port/event-store.port';

/** An event as a decider produces and folds it: a past-tense type and JSON-safe data. */
export interface DomainEvent<Type extends string = string, Data extends EventData = EventData> {
  type: Type;
  data: Data;
}

/**
 * A pure aggregate: no I/O, no clock, no randomness (time and ids arrive on the command).
 * `decide` returns the events a command produces, or throws a DomainError.
 */
export interface Decider<State, Command, Event extends DomainEvent> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[];
}

export function fold<State, Event extends DomainEvent>(
  decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}
