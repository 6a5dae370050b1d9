import { redirect } from "next/navigation";
import { getViewer } from "../_lib/viewer";
import { SignupForm } from "@/components/auth/SignupForm";

export default async function SignupPage() {
  if (await getViewer()) redirect("/");
  return <SignupForm />;
}
