// The consortium: the tenant every other entity belongs to.
import { z } from 'zod';
import { Audited, Id, OrgId, Title } from './common';

export const Language = z.enum(['it', 'en']);
export type Language = z.infer<typeof Language>;

export const Consortium = z
  .object({
    id: Id,
    name: Title,
    orgId: OrgId,
    city: z.string().max(100).optional(),
    timeZone: z.string().min(1).max(64).meta({ example: 'Europe/Rome' }),
    language: Language,
    ...Audited,
  })
  .meta({ id: 'Consortium' });
export type Consortium = z.infer<typeof Consortium>;
