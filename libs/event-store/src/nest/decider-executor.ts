import { Inject, Injectable } from '@nestjs/common';
import { type CommandResult, type HandleCommandOptions, handleCommand } from '../decider/command-handler';
import type { Decider, DomainEvent } from '../decider/decider';
import { EVENT_STORE, type EventStore } from '../port/event-store.port';
import { ProjectionRunner } from '../projections/projection-runner';
import { ReactorRunner } from '../reactions/reactor-runner';

export interface ExecuteOptions extends HandleCommandOptions {
  /** Answer only once the read models include the appended events (read-your-writes). Default true. */
  waitForReadModels?: boolean;
  /** Also wait until every reactor has handled the appended events (e.g. a removal's consequences). Default false. */
  waitForReactions?: boolean;
}

/** Runs a decider command against its stream and, by default, waits for the read models. */
@Injectable()
export class DeciderExecutor {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionRunner,
    private readonly reactors: ReactorRunner,
  ) {}

  async execute<State, Command, Event extends DomainEvent>(
    decider: Decider<State, Command, Event>,
    streamName: string,
    command: Command,
    options: ExecuteOptions = {},
  ): Promise<CommandResult<State, Event>> {
    const result = await handleCommand(this.store, decider, streamName, command, options);
    if (options.waitForReadModels !== false) await this.projections.waitFor(result.position);
    if (options.waitForReactions) await this.reactors.waitFor(result.position);
    return result;
  }
}
