import { describe, expect, it } from 'vitest';
import { CostStatus } from './cost';
import { DeliverableStatus } from './deliverable';
import { ExportStatus } from './export';
import { glossary } from './glossary';
import { MemberStatus } from './member';
import { InstalmentStatus } from './payment';

describe('the glossary', () => {
  it('names every status in both languages', () => {
    for (const words of Object.values(glossary)) {
      expect(Object.keys(words.status).sort()).toEqual([...DeliverableStatus.options].sort());
      expect(Object.keys(words.costStatus).sort()).toEqual([...CostStatus.options].sort());
      expect(Object.keys(words.instalmentStatus).sort()).toEqual([...InstalmentStatus.options].sort());
      expect(Object.keys(words.exportStatus).sort()).toEqual([...ExportStatus.options].sort());
      expect(Object.keys(words.memberStatus).sort()).toEqual([...MemberStatus.options].sort());
    }
  });
});
