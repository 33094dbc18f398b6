import { describe, expect, it } from 'vitest';
import { mailText, render } from './messages';

const facts = { projectTitle: 'Rete culturale', deliverableTitle: 'Piano di comunicazione', dueDate: '2026-12-15' };

describe('render', () => {
  it('says the same thing in Italian and in English', () => {
    expect(render({ kind: 'deliverable_submitted', facts }, 'it').title).toBe('Da rivedere: Piano di comunicazione');
    expect(render({ kind: 'deliverable_submitted', facts }, 'en').title).toBe('To review: Piano di comunicazione');
    expect(render({ kind: 'changes_requested', facts, comment: 'Add the budget' }, 'en').text).toContain('Add the budget');
    expect(render({ kind: 'deliverable_accepted', facts }, 'it').title).toBe('Approvato: Piano di comunicazione');
  });

  it('lists a digest with dates in the reader\'s format', () => {
    const lines = [
      { title: 'Report', projectTitle: 'P', dueDate: '2026-11-01', overdue: true },
      { title: 'Event', projectTitle: 'P', dueDate: '2026-12-01', overdue: false },
    ];
    const it = render({ kind: 'weekly_digest', lines, today: '2026-11-23' }, 'it');
    expect(it.title).toBe('Riepilogo settimanale: 2 scadenze');
    expect(it.text).toContain('- Report (P): scaduto il 01/11/2026');
    const en = render({ kind: 'weekly_digest', lines, today: '2026-11-23' }, 'en');
    expect(en.text).toContain('- Event (P): due on 1 Dec 2026');
  });

  it('ends a mail with the link into the dashboard', () => {
    expect(mailText({ title: 't', text: 'x' }, 'https://rete.example/projects/p/deliverables/d', 'it')).toBe(
      'x\n\nApri: https://rete.example/projects/p/deliverables/d\n',
    );
  });
});
