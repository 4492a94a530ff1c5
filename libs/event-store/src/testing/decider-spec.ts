import type { Decider, DomainEvent } from '../decider/decider';
import { DomainError } from '@latchkey/building-blocks';

/**
 * Given/when/then for deciders:
 *   deciderSpec(credentialDecider).given([created]).when(revoke).then([revoked]);
 *   deciderSpec(credentialDecider).given([revoked]).when(revoke).thenFails('CREDENTIAL_NOT_ACTIVE');
 */
export function deciderSpec<State, Command, Event extends DomainEvent>(decider: Decider<State, Command, Event>) {
  return {
    given(events: readonly Event[]) {
      return {
        when(command: Command) {
          const run = () => {
            const state = events.reduce((s, e) => decider.evolve(s, e), decider.initialState());
            return decider.decide(command, state);
          };
          return {
            then(expected: readonly Event[]) {
              expect(run()).toEqual(expected);
            },
            thenFails(code: string, kind?: DomainError['kind']) {
              let error: unknown;
              try {
                run();
              } catch (e) {
                error = e;
              }
              expect(error).toBeInstanceOf(DomainError);
              expect((error as DomainError).code).toBe(code);
              if (kind) expect((error as DomainError).kind).toBe(kind);
              return error as DomainError;
            },
          };
        },
      };
    },
  };
}
