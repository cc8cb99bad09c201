"use client";

import { createContext, type ReactNode, useContext } from "react";

/** What the signed-in user may do on the tenant's project; controls they may not use are hidden. The server checks again. */
export type Permissions = { write: boolean; admin: boolean };

const PermissionsContext = createContext<Permissions>({ write: false, admin: false });

export function PermissionsProvider({ value, children }: { value: Permissions; children: ReactNode }) {
  return <PermissionsContext.Provider value={value}>{children}</PermissionsContext.Provider>;
}

export const usePermissions = () => useContext(PermissionsContext);
