import { redirect } from "next/navigation";
import { getViewer } from "./_lib/viewer";

export default async function Home() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  redirect(viewer.canUseDMs ? "/inbox" : "/dms-unavailable");
}
