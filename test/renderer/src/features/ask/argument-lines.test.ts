import { describe, expect, it } from 'vitest';
import { argumentLines } from '../../../../../src/renderer/src/features/ask/argument-lines';
import type { AskIdLabel } from '../../../../../src/shared/model';

describe('argumentLines', () => {
  const args = {
    incident_ids: ['PINC001', 'PINC002'],
    status: 'resolved',
    resolution: 'Fixed "it"\n twice',
    escalation_level: 2,
    notify: false,
    meta: { nested: { assignee_user_id: 'PUSR001' }, empty: {}, none: [] },
    nothing: null,
  };
  const label = (path: string, id: string, text: string | null, error: string | null = null): AskIdLabel => ({ path, kind: 'incident', id, label: text, error });

  it('reads exactly as the JSON that will be sent', () => {
    expect(argumentLines(args).map((l) => l.text).join('\n')).toBe(JSON.stringify(args, null, 2));
    expect(argumentLines({}).map((l) => l.text).join('\n')).toBe(JSON.stringify({}, null, 2));
  });

  it('puts each id\'s name on the id\'s own line', () => {
    const lines = argumentLines(args, [label('incident_ids[1]', 'PINC002', '#2 Disk full'), label('meta.nested.assignee_user_id', 'PUSR001', null, 'not found in PagerDuty')]);
    const noted = lines.filter((l) => l.label).map((l) => [l.text.trim(), l.label!.label ?? l.label!.error]);
    expect(noted).toEqual([
      ['"PINC002"', '#2 Disk full'],
      ['"assignee_user_id": "PUSR001"', 'not found in PagerDuty'],
    ]);
  });
});
