// What the erasure routes accept and answer. The erase body is strict and must carry the word ERASE,
// so a stray or replayed request cannot erase anyone; the tombstone list carries no personal data
// beyond the Health ID the registry already issued.
import { z } from 'zod';

export const ERASE_WORD = 'ERASE';

export const eraseBody = z
  .object({
    password: z.string().min(1, 'is required').max(1024),
    confirm: z.literal(ERASE_WORD, { message: `must be the word ${ERASE_WORD}` }),
    /** The current authenticator code, required when two-step sign-in is on. */
    code: z.string().trim().min(1, 'is required').max(64).optional(),
  })
  .strict();
export type EraseInput = z.infer<typeof eraseBody>;

export const erasedAnswer = z.object({ erasedAt: z.string() });

export const erasuresQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(500).default(100) })
  .strict();

export const erasure = z.object({
  patientId: z.string(),
  healthId: z.string(),
  erasedAt: z.string(),
  /** Record versions whose ciphertext stays, unreadable, with its leaf anchored. */
  recordVersions: z.number().int(),
  /** Audit events about the patient, which stay readable and anchored. */
  auditEvents: z.number().int(),
});
export type Erasure = z.infer<typeof erasure>;

export const erasureList = z.object({ erasures: z.array(erasure) });
