/** Reading `pg` rows back (BIGINT arrives as a string): checked with zod, shared by the Postgres stores. */
import { z } from 'zod';

export const seqNumber = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(Number);
