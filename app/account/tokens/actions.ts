"use server";

import { z } from "zod";
import { notFound } from "@/db/app-error";
import { insertApiToken, revokeApiToken } from "@/db/queries/api-tokens";
import { accountAction } from "@/lib/actions/define-action";
import { newApiToken } from "@/lib/auth/api-token";
import { tokensPath } from "@/lib/paths";

// A user's own API tokens: each carries that user's roles, is shown once and can be revoked.

export const createTokenAction = accountAction(
  z.object({
    name: z
      .string()
      .trim()
      .min(1, { error: "Name the token (what it is for)." })
      .max(100, { error: "At most 100 characters." }),
  }),
  async ({ name }, { actor }) => {
    const { token, hash, prefix } = newApiToken();
    await insertApiToken({ userId: actor.userId, name, tokenHash: hash, prefix });
    return { token };
  },
  tokensPath(),
);

export const revokeTokenAction = accountAction(
  z.object({ id: z.number().int().min(1).max(2_147_483_647) }),
  async ({ id }, { actor }) => {
    if (!(await revokeApiToken(actor.userId, id))) throw notFound("That active token");
    return { id };
  },
  tokensPath(),
);
