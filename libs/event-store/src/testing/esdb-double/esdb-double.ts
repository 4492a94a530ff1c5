import { EventEmitter } from 'node:events';
import { Server, ServerCredentials, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { createAppendHandler, createBatchAppendHandler } from './append-handlers';
import { createReadHandler } from './read-handler';
import { EsdbDoubleStorage } from './storage';

export interface EsdbDoubleOptions {
  /** Advertise `Streams.BatchAppend` (servers from 21.10 do); otherwise clients fall back to `Streams.Append`. */
  batchAppend?: boolean;
  /** Port to listen on; 0 or omitted picks a free one. */
  port?: number;
  /** Data to serve, e.g. the storage of a stopped double. */
  storage?: EsdbDoubleStorage;
}

export type EsdbDoubleMethod = 'getSupportedMethods' | 'read' | 'append' | 'batchAppend';

const STREAMS_SERVICE = 'event_store.client.streams.Streams';

/**
 * An in-process stand-in for a single insecure EventStoreDB node, speaking the gRPC protocol of
 * `@eventstore/db-client` with that package's own generated service definitions. It covers what
 * the EventStoreDB adapter uses: server features, append (both flavours), reads and catch-up
 * subscriptions. Data lives in `storage`, which survives `stop()`/`start()`.
 *
 * It is more lenient than the server in one respect: it accepts any `$all` position, whereas the
 * server only accepts positions of records and fails (or, before 23.10, silently stalls) otherwise.
 */
export class EsdbDouble {
  readonly storage: EsdbDoubleStorage;
  readonly batchAppend: boolean;
  /** How many requests each method served; a BatchAppend request is one append on the shared stream. */
  readonly calls: Record<EsdbDoubleMethod, number> = { getSupportedMethods: 0, read: 0, append: 0, batchAppend: 0 };
  private readonly lifecycle = new EventEmitter().setMaxListeners(0);
  private server: Server | null = null;
  private boundPort: number;

  constructor(options: EsdbDoubleOptions = {}) {
    this.storage = options.storage ?? new EsdbDoubleStorage();
    this.batchAppend = options.batchAppend ?? true;
    this.boundPort = options.port ?? 0;
  }

  get port(): number {
    return this.boundPort;
  }

  /** Single node, plain text: the client connects directly without discovery. */
  get connectionString(): string {
    return `esdb://127.0.0.1:${this.boundPort}?tls=false`;
  }

  get running(): boolean {
    return this.server !== null;
  }

  /** Listens again, on the same port once one has been assigned. */
  async start(): Promise<void> {
    if (this.server) return;
    const server = new Server();
    server.addService(ServerFeaturesService, { getSupportedMethods: this.getSupportedMethods });
    const read = createReadHandler(this.storage, this.lifecycle);
    server.addService(StreamsService, {
      read: (call: Parameters<typeof read>[0]) => {
        this.calls.read++;
        void read(call);
      },
      append: createAppendHandler(this.storage, () => this.calls.append++),
      batchAppend: createBatchAppendHandler(this.storage, () => this.calls.batchAppend++),
    });
    this.boundPort = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${this.boundPort}`, ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
    );
    this.server = server;
  }

  /** Drops every connection at once, like a crashed or unreachable node. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.lifecycle.emit('stop');
    server.forceShutdown();
  }

  private readonly getSupportedMethods = (_call: ServerUnaryCall<Empty, SupportedMethods>, callback: sendUnaryData<SupportedMethods>) => {
    this.calls.getSupportedMethods++;
    const names = ['read', 'append', ...(this.batchAppend ? ['batchappend'] : [])];
    const methods = names.map((name) => new SupportedMethod().setServiceName(STREAMS_SERVICE.toLowerCase()).setMethodName(name));
    callback(null, new SupportedMethods().setEventStoreServerVersion('23.10.0').setMethodsList(methods));
  };
}

/** Starts a double; see {@link EsdbDoubleOptions}. */
export async function startEsdbDouble(options: EsdbDoubleOptions = {}): Promise<EsdbDouble> {
  const double = new EsdbDouble(options);
  await double.start();
  return double;
}
