// Once per test run: the template databases every test file copies (tests/helpers/database.ts).
import { prepareTemplate } from "./helpers/database";

export default async function setup(): Promise<void> {
  await prepareTemplate("sqlite");
  if (process.env.TEST_DATABASE_URL) await prepareTemplate("postgres");
}
