import { describe, expect, it } from 'vitest';
import { PREFIXES, documentFolder, documentKey, evidenceFolder, evidenceKey, exportFileKey, safeFileName } from './layout';

const project = { consortiumId: 'pantacon', projectId: 'cultnetwork' };

describe('file keys', () => {
  it('name the deliverable that owns an evidence file', () => {
    const owner = { ...project, deliverableId: 'd22' };
    expect(evidenceFolder(owner, 'f1')).toBe('evidence/pantacon/cultnetwork/d22/f1/');
    expect(evidenceKey(owner, { fileId: 'f1', name: 'Verbale riunione.pdf' })).toBe('evidence/pantacon/cultnetwork/d22/f1/Verbale_riunione.pdf');
  });

  it('name the member that owns a cost document', () => {
    const owner = { ...project, memberId: 'mincio-musei' };
    expect(documentFolder(owner, 'f2')).toBe('documents/pantacon/cultnetwork/mincio-musei/f2/');
    expect(documentKey(owner, { fileId: 'f2', name: 'fattura 12.pdf' })).toBe('documents/pantacon/cultnetwork/mincio-musei/f2/fattura_12.pdf');
  });

  it('keep each kind of file under its own prefix', () => {
    const owner = { ...project, deliverableId: 'x', memberId: 'x' };
    expect(evidenceKey(owner, { fileId: 'f', name: 'a.pdf' }).startsWith(PREFIXES.evidence)).toBe(true);
    expect(documentKey(owner, { fileId: 'f', name: 'a.pdf' }).startsWith(PREFIXES.documents)).toBe(true);
    expect(exportFileKey('unsubmitted', { ...project, exportId: 'e1' }, 'a.csv').startsWith(PREFIXES.unsubmittedExports)).toBe(true);
    expect(exportFileKey('submitted', { ...project, exportId: 'e1' }, 'a.csv').startsWith(PREFIXES.submittedExports)).toBe(true);
  });

  it('refuse an id that would leave its folder', () => {
    expect(() => evidenceFolder({ ...project, deliverableId: '..' }, 'f1')).toThrow(/Unsafe file key/);
    expect(() => documentKey({ ...project, memberId: 'm' }, { fileId: '..', name: 'x.pdf' })).toThrow(/Unsafe file key/);
  });

  it('make a file name safe for a key', () => {
    expect(safeFileName('Città è bella!.pdf')).toBe('Citta_e_bella_.pdf');
    expect(safeFileName('../..')).toBe('file');
  });
});
