import { describe, expect, it } from 'vitest';
import {
  KEY_ATTRIBUTES,
  PHASE_PREFIX,
  allConsortia,
  consortiumIndexKeys,
  consortiumKey,
  deliverableIndexKeys,
  deliverableKey,
  deliverablesOf,
  dueDateBound,
  funderKey,
  fundersOf,
  idempotencyKey,
  logEntryKey,
  logOf,
  memberKey,
  membersOf,
  openDeliverablesOf,
  openDeliverablesOfMember,
  phaseKey,
  projectCollection,
  projectIndexKeys,
  projectKey,
  projectsOf,
  projectsOfFunder,
  digestMarkerKey,
  notificationKey,
  notificationsOf,
  chainLinkKey,
  chainLinksFrom,
  chainLinksOf,
  chainOfPartition,
  entriesActedBy,
  entriesNamed,
  linkIndexKeys,
} from './keys';

describe('item keys', () => {
  it('puts the consortium item under its own partition', () => {
    expect(consortiumKey('conso')).toEqual({ PK: 'C#conso', SK: 'CONSORTIUM' });
  });

  it("lists every consortium in the installation's registry, on GSI1 under one partition", () => {
    expect(consortiumIndexKeys('conso')).toEqual({ GSI1PK: 'CONSORTIA', GSI1SK: 'conso' });
    expect(allConsortia()).toEqual({ GSI1PK: consortiumIndexKeys('other').GSI1PK });
  });

  it('puts members and funders in the consortium partition under their prefixes', () => {
    expect(memberKey('conso', 'coop-museo')).toEqual({ PK: 'C#conso', SK: 'MEMBER#coop-museo' });
    expect(funderKey('conso', 'fondazione')).toEqual({ PK: 'C#conso', SK: 'FUNDER#fondazione' });
  });

  it('lists members and funders with a prefix that their keys begin with', () => {
    expect(membersOf('conso')).toEqual({ PK: 'C#conso', skPrefix: 'MEMBER#' });
    expect(fundersOf('conso')).toEqual({ PK: 'C#conso', skPrefix: 'FUNDER#' });
    expect(memberKey('conso', 'm1').SK.startsWith(membersOf('conso').skPrefix)).toBe(true);
    expect(funderKey('conso', 'f1').SK.startsWith(membersOf('conso').skPrefix)).toBe(false);
  });

  it('puts a project and its phases in one project partition', () => {
    expect(projectKey('conso', 'p-culture')).toEqual({ PK: 'C#conso#P#p-culture', SK: 'PROJECT' });
    expect(phaseKey('conso', 'p-culture', 'phase-1')).toEqual({ PK: 'C#conso#P#p-culture', SK: 'PHASE#phase-1' });
    expect(projectCollection('conso', 'p-culture')).toEqual({ PK: 'C#conso#P#p-culture' });
    expect(phaseKey('conso', 'p', 'x').SK.startsWith(PHASE_PREFIX)).toBe(true);
  });

  it('keeps each deliverable and its log in a partition of their own, outside the project collection', () => {
    const key = deliverableKey('conso', 'p-culture', 'd-report');

    expect(key).toEqual({ PK: 'C#conso#P#p-culture#D#d-report', SK: 'DELIVERABLE' });
    expect(key.PK).not.toBe(projectCollection('conso', 'p-culture').PK);
  });

  it('keys log entries by time then id so that a Query reads them oldest first', () => {
    const key = logEntryKey('conso', 'p-culture', 'd-report', '2026-03-02T10:15:00.000Z', 'e1');

    expect(key).toEqual({
      PK: 'C#conso#P#p-culture#D#d-report',
      SK: 'LOG#2026-03-02T10:15:00.000Z#e1',
    });
    expect(logOf('conso', 'p-culture', 'd-report')).toEqual({ PK: key.PK, skPrefix: 'LOG#' });
    expect(
      logEntryKey('conso', 'p', 'd', '2026-03-02T09:00:00.000Z', 'z').SK <
        logEntryKey('conso', 'p', 'd', '2026-03-02T10:00:00.000Z', 'a').SK,
    ).toBe(true);
  });

  it('scopes idempotency records to the consortium and the person', () => {
    expect(idempotencyKey('conso', 'anna', 'abc123')).toEqual({ PK: 'C#conso#IDEM#anna#abc123', SK: 'IDEMPOTENCY' });
    expect(idempotencyKey('conso', 'bruno', 'abc123')).not.toEqual(idempotencyKey('conso', 'anna', 'abc123'));
  });

  it('never lets one consortium key collide with another consortium whose id extends it', () => {
    expect(projectKey('a', 'b').PK).not.toBe(projectKey('a-b', 'b').PK);
    expect(memberKey('conso', 'm').PK).not.toBe(memberKey('conso2', 'm').PK);
  });
});

describe('index partitions', () => {
  it('spells the index partitions of projects, deliverables and open work', () => {
    expect(projectsOf('conso')).toEqual({ GSI1PK: 'C#conso#PROJECTS' });
    expect(projectsOfFunder('conso', 'fondazione')).toEqual({ GSI2PK: 'C#conso#F#fondazione#PROJECTS' });
    expect(deliverablesOf('conso', 'p-culture')).toEqual({ GSI1PK: 'C#conso#P#p-culture#DELIVERABLES' });
    expect(openDeliverablesOf('conso', 'p-culture')).toEqual({ GSI2PK: 'C#conso#P#p-culture#OPEN' });
    expect(openDeliverablesOfMember('conso', 'coop-museo')).toEqual({ GSI3PK: 'C#conso#M#coop-museo#OPEN' });
  });

  it('lists a project under its consortium by id and under its funder by start date', () => {
    const keys = projectIndexKeys({ consortiumId: 'conso', id: 'p-culture', funderId: 'fondazione', startDate: '2026-01-01' });

    expect(keys).toEqual({
      GSI1PK: 'C#conso#PROJECTS',
      GSI1SK: 'p-culture',
      GSI2PK: 'C#conso#F#fondazione#PROJECTS',
      GSI2SK: '2026-01-01#p-culture',
    });
  });
});

describe('deliverableIndexKeys', () => {
  const deliverable = {
    consortiumId: 'conso',
    projectId: 'p-culture',
    id: 'd-report',
    phaseId: 'phase-2',
    ownerMemberId: 'coop-museo',
    dueDate: '2026-04-30',
  };

  it.each(['planned', 'in_progress', 'submitted', 'changes_requested'])(
    'puts a %s deliverable on the by-phase list and both due-date indexes',
    (status) => {
      const keys = deliverableIndexKeys({ ...deliverable, status });

      expect(keys).toEqual({
        set: {
          GSI1PK: 'C#conso#P#p-culture#DELIVERABLES',
          GSI1SK: 'phase-2#d-report',
          GSI2PK: 'C#conso#P#p-culture#OPEN',
          GSI2SK: '2026-04-30#d-report',
          GSI3PK: 'C#conso#M#coop-museo#OPEN',
          GSI3SK: '2026-04-30#p-culture#d-report',
        },
        remove: [],
      });
    },
  );

  it('takes an accepted deliverable off the due-date indexes, keeping it on the by-phase list', () => {
    const keys = deliverableIndexKeys({ ...deliverable, status: 'accepted' });

    expect(keys.set).toEqual({ GSI1PK: 'C#conso#P#p-culture#DELIVERABLES', GSI1SK: 'phase-2#d-report' });
    expect([...keys.remove].sort()).toEqual(['GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK']);
  });

  it('never both sets and removes an attribute', () => {
    for (const status of ['planned', 'accepted']) {
      const keys = deliverableIndexKeys({ ...deliverable, status });

      expect(keys.remove.filter((attribute) => attribute in keys.set)).toEqual([]);
    }
  });

  it('uses only attributes that are key attributes of the table or an index', () => {
    const open = deliverableIndexKeys({ ...deliverable, status: 'planned' });
    const accepted = deliverableIndexKeys({ ...deliverable, status: 'accepted' });

    const attributes = [...Object.keys(open.set), ...accepted.remove];

    expect(attributes.every((attribute) => (KEY_ATTRIBUTES as readonly string[]).includes(attribute))).toBe(true);
  });
});

describe('dueDateBound', () => {
  const date = '2026-04-30';
  const projectKeyOn = (day: string, id = 'd-report') => `${day}#${id}`;
  const memberKeyOn = (day: string) => `${day}#p-culture#d-report`;

  it('sorts a key due on the date after before(date) and up to through(date)', () => {
    for (const key of [projectKeyOn(date), projectKeyOn(date, '0'), projectKeyOn(date, 'zzzz'), memberKeyOn(date)]) {
      expect(key > dueDateBound.before(date), key).toBe(true);
      expect(key <= dueDateBound.through(date), key).toBe(true);
    }
  });

  it('sorts a key due the day before below before(date)', () => {
    expect(projectKeyOn('2026-04-29', 'zzzz') < dueDateBound.before(date)).toBe(true);
    expect(memberKeyOn('2026-04-29') < dueDateBound.before(date)).toBe(true);
  });

  it('sorts a key due the day after above through(date)', () => {
    expect(projectKeyOn('2026-05-01', '0') > dueDateBound.through(date)).toBe(true);
    expect(memberKeyOn('2026-05-01') > dueDateBound.through(date)).toBe(true);
  });

  it('orders the bounds of a range of days as the days are ordered', () => {
    expect(dueDateBound.before('2026-04-01') < dueDateBound.through('2026-04-01')).toBe(true);
    expect(dueDateBound.through('2026-04-01') < dueDateBound.before('2026-04-02')).toBe(true);
  });

  it('keeps the order under the UTF-8 byte comparison that DynamoDB uses', () => {
    const bytes = (text: string) => Buffer.from(text, 'utf8');

    expect(Buffer.compare(bytes(projectKeyOn(date, 'zzzz')), bytes(dueDateBound.through(date)))).toBe(-1);
    expect(Buffer.compare(bytes(dueDateBound.before(date)), bytes(projectKeyOn(date, '0')))).toBe(-1);
  });
});

describe('notification keys', () => {
  it("keeps a person's notifications and digest markers in their partition, by consortium", () => {
    expect(notificationKey('sub-1', 'conso', '20261123090000000-abc')).toEqual({ PK: 'PERSON#sub-1', SK: 'NOTE#conso#20261123090000000-abc' });
    expect(notificationsOf('sub-1', 'conso')).toEqual({ PK: 'PERSON#sub-1', skPrefix: 'NOTE#conso#' });
    expect(digestMarkerKey('sub-1', 'conso', '2026-w48')).toEqual({ PK: 'PERSON#sub-1', SK: 'DIGEST#conso#2026-w48' });
  });
});

describe('person index keys of sealed audit entries', () => {
  const entry = { eventId: '2026-11-23T09:00:00.000Z#e1', actor: 'sub-coord', entity: 'person', entityId: 'sub-anna' };

  it('indexes an entry under its actor on GSI3 and, when it is about a person, under that person on GSI2, both by eventId', () => {
    expect(linkIndexKeys({ consortiumId: 'conso', projectId: 'p1' }, entry)).toEqual({
      GSI3PK: 'C#conso#PERSON#sub-coord#ACTED',
      GSI3SK: entry.eventId,
      GSI2PK: 'C#conso#PERSON#sub-anna#NAMED',
      GSI2SK: entry.eventId,
    });
    expect(entriesActedBy('conso', 'sub-coord').GSI3PK).toBe('C#conso#PERSON#sub-coord#ACTED');
    expect(entriesNamed('conso', 'sub-anna').GSI2PK).toBe('C#conso#PERSON#sub-anna#NAMED');
  });

  it('leaves an entry about anything else out of the subject index', () => {
    expect(linkIndexKeys({ consortiumId: 'conso' }, { ...entry, entity: 'deliverable', entityId: 'sub-anna' })).toEqual({
      GSI3PK: 'C#conso#PERSON#sub-coord#ACTED',
      GSI3SK: entry.eventId,
    });
  });

  it('indexes a self-edit under both, the same entry', () => {
    const keys = linkIndexKeys({ consortiumId: 'conso' }, { ...entry, actor: 'sub-anna' });
    expect([keys.GSI3PK, keys.GSI2PK]).toEqual([entriesActedBy('conso', 'sub-anna').GSI3PK, entriesNamed('conso', 'sub-anna').GSI2PK]);
  });

  it("tells an entry's chain from its partition, and nothing else's", () => {
    for (const chain of [{ consortiumId: 'conso' }, { consortiumId: 'conso', projectId: 'p-culture' }]) {
      expect(chainOfPartition(chainLinkKey(chain, 3).PK)).toEqual(chain);
    }
    expect(chainOfPartition(projectKey('conso', 'p1').PK)).toBeUndefined();
    expect(chainOfPartition('C#conso#P#p1#EXPORTS')).toBeUndefined();
  });

  it("bounds a chain's entries from a seq on, and only its entries", () => {
    const chain = { consortiumId: 'conso' };
    const range = chainLinksFrom(chain, 101);
    expect(range).toEqual({ PK: chainLinksOf(chain).PK, from: chainLinkKey(chain, 101).SK, through: 'LINK#999999999999' });
    expect(chainLinkKey(chain, 100).SK < range.from).toBe(true);
    expect(chainLinkKey(chain, 5000).SK <= range.through).toBe(true);
    expect('MIGRATION#person-index' > range.through).toBe(true);
  });
});
