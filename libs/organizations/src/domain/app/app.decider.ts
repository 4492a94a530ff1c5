import { type Decider } from '@latchkey/event-store';
import { type AppCommand, decide } from './app.decide';
import type { AppEvent } from './app.events';
import { type AppState, evolve, initialState } from './app.state';

/** An app of an organization and its clients, one per environment, each with a rotatable secret. */
export const appDecider: Decider<AppState, AppCommand, AppEvent> = { initialState, evolve, decide };
