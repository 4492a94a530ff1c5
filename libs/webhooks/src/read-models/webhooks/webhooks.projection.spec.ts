import { openReadModelDb } from '@latchkey/event-store';
import { appliedEventByEvent, type GivenEvent, projectionSpec, recorded, recordStatementCalls } from '@latchkey/event-store/testing';
import { DeliveryQueueSignal } from '../../shared/delivery/delivery-queue-signal';
import { SUBJECTS_TABLE, WebhooksProjection } from './webhooks.projection';

const created = (id: string, label: string): GivenEvent => ({
  streamName: `credential-${id}`,
  type: 'CredentialCreated',
  data: { credentialId: id, organizationId: 'org-1', label, environment: 'production', ownerId: 'u-1', ownerEmail: 'u@acme.test' },
});
const renamed = (id: string, label: string): GivenEvent => ({
  streamName: `credential-${id}`,
  type: 'CredentialLabelChanged',
  data: { credentialId: id, label },
});
const EVENTS = [created('c1', 'A'), renamed('c1', 'B'), renamed('ghost', 'G'), created('c2', 'X'), renamed('c1', 'C')];
const subjects = (db: ReturnType<typeof openReadModelDb>) => db.prepare(`SELECT * FROM ${SUBJECTS_TABLE} ORDER BY id`).all();

describe('webhooks projection: subjects', () => {
  it('keeps each subject’s organization, label and details, a rename changing only the label (none for an unknown subject)', () => {
    const db = projectionSpec(new WebhooksProjection(new DeliveryQueueSignal())).given(EVENTS);
    expect(subjects(db)).toEqual([
      {
        kind: 'credential',
        id: 'c1',
        organization_id: 'org-1',
        label: 'C',
        details: '{"environment":"production","ownerId":"u-1","ownerEmail":"u@acme.test"}',
      },
      {
        kind: 'credential',
        id: 'c2',
        organization_id: 'org-1',
        label: 'X',
        details: '{"environment":"production","ownerId":"u-1","ownerEmail":"u@acme.test"}',
      },
    ]);
  });

  it('writes each subject a batch changed once, at its end, and leaves the same rows however the events are batched', () => {
    const events = recorded(EVENTS);
    const batched = new WebhooksProjection(new DeliveryQueueSignal());
    const db = openReadModelDb(':memory:');
    batched.setup(db);
    const { calls: writes, restore } = recordStatementCalls(db, (sql) => sql.includes(SUBJECTS_TABLE));
    db.transaction(() => {
      for (const event of events) batched.apply(event, db);
      expect(writes).toEqual([]);
      batched.endBatch(db);
    })();
    expect(writes).toHaveLength(3); // c1, c2 and the rename of an unknown subject
    restore();

    expect(subjects(db)).toEqual(subjects(appliedEventByEvent(new WebhooksProjection(new DeliveryQueueSignal()), events)));
  });
});
