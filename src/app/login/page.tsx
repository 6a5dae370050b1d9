import { redirect } from "next/navigation";
import { getViewer } from "../_lib/viewer";
import { LoginForm } from "@/components/auth/LoginForm";

export default async function LoginPage() {
  if (await getViewer()) redirect("/");
  return <LoginForm />;
}
