// The demo's people: a coordinator, one person per member cooperative, one per funder.
// Their ids are the subjects the development login signs tokens for.
import type { Person } from '../../shared/domain/person';
import { COORDINATOR_PERSON_ID, memberPersonId, type Demo } from './demo-data';

const FIRST_NAMES = ['Chiara', 'Marco', 'Elena', 'Luca', 'Francesca', 'Davide', 'Sara', 'Paolo', 'Giorgia', 'Matteo'];
const SURNAMES = ['Bianchi', 'Gatti', 'Ferri', 'Mantovani', 'Lodi', 'Vezzani', 'Benatti', 'Zanetti', 'Righi', 'Bertoni'];

export const funderPersonId = (funderId: string) => `person-${funderId}`;

const slug = (name: string) =>
  name.normalize('NFD').replace(/[^\p{L}\p{N}]+/gu, '.').replace(/[\u0300-\u036f]/g, '').toLowerCase();

export function demoPeople(demo: Pick<Demo, 'consortium' | 'members' | 'funders'>, now: string): Person[] {
  const consortiumId = demo.consortium.id;
  const stamp = { version: 1, createdAt: now, updatedAt: now };
  const person = (index: number, fields: Omit<Person, 'consortiumId' | 'version' | 'createdAt' | 'updatedAt' | 'name' | 'email'>, domain: string): Person => {
    // Every tenth person moves one surname on, so that no two of the first hundred share a name.
    const surname = SURNAMES[(index * 3 + Math.floor(index / FIRST_NAMES.length)) % SURNAMES.length];
    const name = `${FIRST_NAMES[index % FIRST_NAMES.length]} ${surname}`;
    return { ...fields, consortiumId, name, email: `${slug(name)}@${domain}`, ...stamp };
  };
  return [
    person(0, { id: COORDINATOR_PERSON_ID, role: 'coordinator', language: 'it' }, 'pantacon.example.org'),
    ...demo.members.map((member, index) =>
      person(index + 1, { id: memberPersonId(member.id), role: 'member', memberId: member.id, language: 'it' }, `${member.id}.example.org`),
    ),
    ...demo.funders.map((funder, index) =>
      person(demo.members.length + index + 1, { id: funderPersonId(funder.id), role: 'funder', funderId: funder.id, language: index === 0 ? 'it' : 'en' }, `${funder.id}.example.org`),
    ),
  ];
}
