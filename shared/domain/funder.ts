// A funder: an organisation that funds projects through a programme or call.
import { z } from 'zod';
import { Audited, Id, OrgId, Title, patchOf } from './common';

const funderFields = {
  name: Title,
  orgId: OrgId,
  programme: z.string().trim().min(1).max(200).meta({ example: 'Call for good management in culture' }),
  website: z.url().max(500).optional(),
};

export const Funder = z
  .object({ id: Id, consortiumId: Id, ...funderFields, ...Audited })
  .meta({ id: 'Funder' });
export type Funder = z.infer<typeof Funder>;

export const FunderCreate = z.strictObject(funderFields).meta({ id: 'FunderCreate' });
export type FunderCreate = z.infer<typeof FunderCreate>;

export const FunderPatch = patchOf(funderFields).meta({ id: 'FunderPatch' });
export type FunderPatch = z.infer<typeof FunderPatch>;
