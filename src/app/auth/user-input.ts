import { z } from 'zod';

// Shared validation of admin user input (CLI, environment, UI).
export const MIN_PASSWORD_LENGTH = 10;

export const userEmailSchema = z.email({ error: 'must be an e-mail address' }).max(254);
export const userPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { error: `must be at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(1000, { error: 'must be at most 1000 characters' });
