// In the browser, zod's compiled (eval-based) object parser is off: the page's
// Content-Security-Policy forbids eval, and zod's probe for it would count as a violation.
// The server keeps the fast path.
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });
