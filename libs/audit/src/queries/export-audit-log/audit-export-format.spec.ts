import type { AuditEntry } from '../../read-models/audit-log/audit-log.read-model';
import { csvCell, exportChunks } from './audit-export-format';

const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  position: 7,
  type: 'credential.updated',
  eventType: 'CredentialLabelChanged',
  at: '2026-03-01T10:00:00.000Z',
  actor: { userId: 'u1', email: 'a@acme.test' },
  target: { kind: 'credential', id: 'c1', label: 'x' },
  address: '203.0.113.7',
  data: { label: 'x' },
  ...over,
});

const text = async (chunks: AsyncIterable<string>) => {
  let all = '';
  for await (const chunk of chunks) all += chunk;
  return all;
};

describe('audit export formats', () => {
  it('quotes CSV cells as RFC 4180 says: quotes doubled, commas and line breaks inside quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
  });

  it.each(['=HYPERLINK("http://evil")', '+1', '-1+2', '@SUM(A1)', '\t=1', '\r=1'])('neutralises the formula %j with a leading quote', (cell) => {
    const out = csvCell(cell);
    expect(out.replace(/^"/, '').startsWith("'")).toBe(true);
  });

  it('writes a CSV header, then one CRLF-terminated row per entry, labels that look like formulas neutralised', async () => {
    const csv = await text(
      exportChunks(
        [[entry({ target: { kind: 'credential', id: 'c1', label: '=cmd|"/c calc"!A1' } })], [entry({ actor: null, address: null })]],
        'csv',
      ),
    );
    expect(csv.split('\r\n')).toEqual([
      'position,type,eventType,at,actorUserId,actorEmail,targetKind,targetId,targetLabel,address,data',
      `7,credential.updated,CredentialLabelChanged,2026-03-01T10:00:00.000Z,u1,a@acme.test,credential,c1,"'=cmd|""/c calc""!A1",203.0.113.7,"{""label"":""x""}"`,
      '7,credential.updated,CredentialLabelChanged,2026-03-01T10:00:00.000Z,,,credential,c1,x,,"{""label"":""x""}"',
      '',
    ]);
  });

  it('writes NDJSON as one entry per line, as the log shows it', async () => {
    const ndjson = await text(exportChunks([[entry(), entry({ position: 8 })]], 'ndjson'));
    const lines = ndjson.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((l) => JSON.parse(l))).toEqual([entry(), entry({ position: 8 })]);
  });
});
