import { status, type sendUnaryData, type ServerDuplexStream, type ServerReadableStream } from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as GoogleEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { Empty, AllStreamPosition, WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { type AppendReq, AppendResp, type BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import { streamIdentifier, streamNameOf, uuidOf } from './messages';
import type { EsdbDoubleStorage, ExpectedState, ProposedEvent } from './storage';

type Proposed = AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage;

/** `Streams.Append`: options first, then one proposed message per event; one reply at the end. */
export function createAppendHandler(storage: EsdbDoubleStorage, onRequest: () => void) {
  return (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    onRequest();
    let options: AppendReq.Options | undefined;
    const proposed: Proposed[] = [];
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      else if (request.hasProposedMessage()) proposed.push(request.getProposedMessage()!);
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (!options) return callback({ code: status.INVALID_ARGUMENT, details: 'Append without options' });
      const expected = appendExpectation(options);
      const outcome = storage.append(streamNameOf(options.getStreamIdentifier()), expected, proposed.map(toProposedEvent));
      const response = new AppendResp();
      if (outcome.ok) {
        response.setSuccess(
          new AppendResp.Success()
            .setCurrentRevision(String(outcome.revision))
            .setPosition(new AppendResp.Position().setCommitPosition(String(outcome.position)).setPreparePosition(String(outcome.position))),
        );
      } else {
        const wrong = new AppendResp.WrongExpectedVersion();
        if (outcome.currentRevision === null) wrong.setCurrentNoStream(new Empty());
        else wrong.setCurrentRevision(String(outcome.currentRevision));
        if (expected.kind === 'revision') wrong.setExpectedRevision(String(expected.revision));
        else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
        else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
        else wrong.setExpectedAny(new Empty());
        response.setWrongExpectedVersion(wrong);
      }
      callback(null, response);
    });
  };
}

/**
 * `Streams.BatchAppend`: one long-lived bidi stream carrying many appends, each identified by a
 * correlation id and possibly split over several requests until `is_final`. Failures come back as
 * a google.rpc.Status whose details pack the reason (e.g. `event_store.client.WrongExpectedVersion`).
 */
export function createBatchAppendHandler(storage: EsdbDoubleStorage, onRequest: () => void) {
  return (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void => {
    const pending = new Map<string, { options?: BatchAppendReq.Options; proposed: Proposed[] }>();
    call.on('error', () => undefined);
    call.on('end', () => call.end());
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = uuidOf(request.getCorrelationId());
      const entry = pending.get(correlationId) ?? { proposed: [] };
      if (request.hasOptions()) entry.options = request.getOptions();
      entry.proposed.push(...request.getProposedMessagesList());
      if (!request.getIsFinal()) {
        pending.set(correlationId, entry);
        return;
      }
      pending.delete(correlationId);
      onRequest();
      if (!entry.options) return call.destroy(new Error('BatchAppend without options'));
      call.write(batchAppendResult(storage, request, entry.options, entry.proposed));
    });
  };
}

function batchAppendResult(storage: EsdbDoubleStorage, request: BatchAppendReq, options: BatchAppendReq.Options, proposed: Proposed[]) {
  const streamName = streamNameOf(options.getStreamIdentifier());
  const expected = batchExpectation(options);
  const response = new BatchAppendResp().setCorrelationId(request.getCorrelationId()).setStreamIdentifier(streamIdentifier(streamName));
  if (expected.kind === 'revision') response.setStreamPosition(String(expected.revision));
  else if (expected.kind === 'no_stream') response.setNoStream(new GoogleEmpty());
  else if (expected.kind === 'stream_exists') response.setStreamExists(new GoogleEmpty());
  else response.setAny(new GoogleEmpty());

  const outcome = storage.append(streamName, expected, proposed.map(toProposedEvent));
  if (outcome.ok) {
    const position = new AllStreamPosition().setCommitPosition(String(outcome.position)).setPreparePosition(String(outcome.position));
    return response.setSuccess(new BatchAppendResp.Success().setCurrentRevision(String(outcome.revision)).setPosition(position));
  }
  const wrong = new WrongExpectedVersion();
  if (outcome.currentRevision === null) wrong.setCurrentNoStream(new GoogleEmpty());
  else wrong.setCurrentStreamRevision(String(outcome.currentRevision));
  if (expected.kind === 'revision') wrong.setExpectedStreamPosition(String(expected.revision));
  else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new GoogleEmpty());
  else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new GoogleEmpty());
  else wrong.setExpectedAny(new GoogleEmpty());
  const details = new Any();
  details.pack(wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion');
  const error = new Status().setCode(Code.FAILED_PRECONDITION).setMessage('WrongExpectedVersion').setDetails(details);
  return response.setError(error);
}

function appendExpectation(options: AppendReq.Options): ExpectedState {
  if (options.hasRevision()) return { kind: 'revision', revision: Number(options.getRevision()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

function batchExpectation(options: BatchAppendReq.Options): ExpectedState {
  if (options.hasStreamPosition()) return { kind: 'revision', revision: Number(options.getStreamPosition()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

function toProposedEvent(message: Proposed): ProposedEvent {
  const metadata = message.getMetadataMap();
  return {
    id: uuidOf(message.getId()),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}
