import { redirect } from "next/navigation";
import type { Me } from "@/domain/accounts/view";
import { getViewer } from "./viewer";

/** For pages every signed-in account may see, DMs or not (browsing, following, creator settings). */
export async function requireViewer(): Promise<Me> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  return viewer;
}
