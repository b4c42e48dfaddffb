import { z } from 'zod'

/** A campaign's name, checked the same way by the API and the dashboard's form. */
export const campaignName = z
  .string()
  .trim()
  .min(1, 'Give the campaign a name.')
  .max(120, 'Keep the name to 120 characters or fewer.')
