import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { BuildingBlocksModule } from '@latchkey/building-blocks';
import { EVENT_STORE, type EventStore } from '../port/event-store.port';
import { Projection, type Recorded } from '../projections/projection';
import { ProjectionRunner } from '../projections/projection-runner';
import { IntegrationEventBus, type IntegrationEventHandler, OnIntegrationEvent } from '../reactions/integration-event-bus';
import { Reactor } from '../reactions/reactor';
import { ReactorRunner } from '../reactions/reactor-runner';
import { eventually } from '../testing/eventually';
import { EventStoreModule } from './event-store.module';

type Noted = { type: 'Noted'; data: { text: string } };

@Projection()
@Injectable()
class NotesProjection implements Projection<Noted> {
  readonly name = 'test.notes';
  readonly version = 1;
  readonly eventTypes = ['Noted'] as const;
  readonly texts: string[] = [];
  setup(): void {}
  reset(): void {}
  apply(event: Recorded<Noted>): void {
    this.texts.push(event.data.text);
  }
}

@Reactor()
@Injectable()
class NotesReactor implements Reactor<Noted> {
  readonly name = 'test.notes-reactor';
  readonly eventTypes = ['Noted'] as const;
  constructor(private readonly bus: IntegrationEventBus) {}
  async react(event: Recorded<Noted>): Promise<void> {
    await this.bus.publish({ type: 'test.Noted', text: event.data.text } as { type: string });
  }
}

@OnIntegrationEvent('test.Noted')
@Injectable()
class NotedHandler implements IntegrationEventHandler<{ type: 'test.Noted'; text: string }> {
  readonly seen: string[] = [];
  async handle(event: { type: 'test.Noted'; text: string }): Promise<void> {
    this.seen.push(event.text);
  }
}

describe('EventHandlersExplorer', () => {
  it('wires every decorated projection, reactor and integration event handler without module code', async () => {
    const moduleRef = await Test.createTestingModule({
      // The kernel provides the clock the durable scheduler reads, as in the application.
      imports: [BuildingBlocksModule.forRoot(), EventStoreModule.forRoot({ kind: 'memory', dataDir: '' })],
      providers: [NotesProjection, NotesReactor, NotedHandler],
    }).compile();
    const app = await moduleRef.init();
    const store = app.get<EventStore>(EVENT_STORE);
    const { position } = await store.appendToStream('note-1', [{ type: 'Noted', data: { text: 'hello' } }]);
    await app.get(ProjectionRunner).waitFor(position);
    await app.get(ReactorRunner).waitFor(position);
    expect(app.get(NotesProjection).texts).toEqual(['hello']);
    await eventually(() => expect(app.get(NotedHandler).seen).toEqual(['hello']));
    await app.close();
  });
});
