import type { CommandBus, ICommand } from '@nestjs/cqrs';
import type { Tracing } from '@latchkey/building-blocks';

/** Every command sent through the bus runs in a span of its own, named for the command's class (a child of the request's). */
export function traceCommands(bus: CommandBus, tracing: Tracing): void {
  const execute = bus.execute.bind(bus) as (command: ICommand) => Promise<unknown>;
  bus.execute = ((command: ICommand) => {
    const name = command.constructor.name;
    return tracing.inSpan(`command ${name}`, { 'latchkey.command': name }, () => execute(command));
  }) as CommandBus['execute'];
}
