import { z } from 'zod';

// ---- auth ----
export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});
export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});

export const loginResponseDto = z.object({
  csrfToken: z.string(),
  mustChangePassword: z.boolean(),
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
});
export type LoginResponseDto = z.infer<typeof loginResponseDto>;
