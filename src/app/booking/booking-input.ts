import { z } from 'zod';

// Inputs of a person's booking actions (API and CLI), validated in one place.

export const linkInputSchema = z.strictObject({
  transactionId: z
    .union([
      z
        .string()
        .trim()
        .regex(/^\d{1,18}$/, { error: 'must be the numeric id of a sevDesk transaction' }),
      z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    ])
    .transform(String),
});

export const manualInputSchema = z.strictObject({
  /** Booking date (YYYY-MM-DD); default: the paid date the shop reported, else today. */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date like 2026-03-01' })
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { error: 'is not a valid date' })
    .optional(),
});

export type LinkInput = z.input<typeof linkInputSchema>;
export type ManualInput = z.input<typeof manualInputSchema>;
