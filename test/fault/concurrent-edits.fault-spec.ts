import { type EsdbDouble, startEsdbDouble } from '@latchkey/event-store/testing';
import { signup } from '../support/console';
import { CREDENTIALS, createCredential, type CredentialBody, type HistoryBody } from '../support/credentials-journey';
import { startListeningTestApp, type ListeningTestApp } from '../support/listening-app';

/**
 * Many clients edit one credential at the same moment, over real connections. With `If-Match` of
 * the same revision exactly one wins and every other gets 412; without it every edit is applied in
 * turn and none is lost: the final revision counts them all.
 */
describe.each(['sqlite', 'memory', 'eventstoredb'])('concurrent edits of one credential (%s store)', (store) => {
  jest.setTimeout(60_000);
  const WRITERS = 30;
  let t: ListeningTestApp;
  let token: string;
  /** EventStoreDB is played by the in-process gRPC double. */
  let double: EsdbDouble | null = null;

  beforeAll(async () => {
    double = store === 'eventstoredb' ? await startEsdbDouble({ batchAppend: true }) : null;
    t = await startListeningTestApp({
      EVENT_STORE: store,
      LOG_LEVEL: 'warn',
      ...(double ? { EVENTSTORE_CONNECTION_STRING: double.connectionString } : {}),
    });
    token = (await signup(t)).token;
  });
  afterAll(async () => {
    await t?.close();
    await double?.stop();
  });

  async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${t.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      etag: res.headers.get('etag'),
      contentType: res.headers.get('content-type'),
      body: (text ? JSON.parse(text) : undefined) as T,
    };
  }

  const labelChanges = async (id: string) =>
    (await call<{ items: HistoryBody[] }>('GET', `${CREDENTIALS}/${id}/history?limit=500`)).body.items.filter(
      (e) => e.type === 'CredentialLabelChanged',
    );

  it(`${WRITERS} PATCHes with If-Match of the same revision: exactly one 200, every other 412 REVISION_MISMATCH`, async () => {
    const { credential } = await createCredential(t, token, { label: 'contended' });
    const before = await call<CredentialBody>('GET', `${CREDENTIALS}/${credential.id}`);
    expect(before.etag).toBe(`"${before.body.revision}"`);

    const answers = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        call<CredentialBody & { code?: string }>('PATCH', `${CREDENTIALS}/${credential.id}`, { label: `writer ${i}` }, { 'if-match': before.etag! }),
      ),
    );

    const winners = answers.filter((a) => a.status === 200);
    const losers = answers.filter((a) => a.status !== 200);
    expect(winners).toHaveLength(1);
    expect(losers.map((a) => [a.status, a.body.code])).toEqual(Array.from({ length: WRITERS - 1 }, () => [412, 'REVISION_MISMATCH']));
    for (const loser of losers) expect(loser.contentType).toMatch(/^application\/problem\+json/);

    const winner = winners[0].body;
    expect(winner.revision).toBe(before.body.revision + 1);
    expect(winners[0].etag).toBe(`"${winner.revision}"`);
    const after = await call<CredentialBody>('GET', `${CREDENTIALS}/${credential.id}`);
    expect(after.body).toMatchObject({ label: winner.label, revision: before.body.revision + 1 });
    expect((await labelChanges(credential.id)).map((e) => e.data.label)).toEqual([winner.label]);
  });

  it(`${WRITERS} PATCHes without If-Match: all succeed, none is lost, the final revision counts every change`, async () => {
    const { credential } = await createCredential(t, token, { label: 'shared' });
    const start = credential.revision;
    const labels = Array.from({ length: WRITERS }, (_, i) => `edit ${i}`);

    const answers = await Promise.all(labels.map((label) => call<CredentialBody>('PATCH', `${CREDENTIALS}/${credential.id}`, { label })));

    expect(answers.map((a) => a.status)).toEqual(labels.map(() => 200));
    const successes = answers.length;
    // Each write answered with the revision it produced: all different, one per change.
    expect(new Set(answers.map((a) => a.body.revision)).size).toBe(successes);
    expect(answers.map((a) => a.body.revision).sort((x, y) => x - y)).toEqual(labels.map((_, i) => start + i + 1));

    const after = await call<CredentialBody>('GET', `${CREDENTIALS}/${credential.id}`);
    expect(after.body.revision).toBe(start + successes);
    expect(after.etag).toBe(`"${start + successes}"`);
    const changes = await labelChanges(credential.id);
    expect(changes).toHaveLength(successes);
    expect(changes.map((e) => e.data.label).sort()).toEqual([...labels].sort());
    // The last change in the stream is the label the credential shows.
    const last = answers.find((a) => a.body.revision === start + successes)!;
    expect(after.body.label).toBe(last.body.label);
  });
});
