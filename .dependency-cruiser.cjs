// Layering rules, checked by `npm run lint:deps` (part of `npm test`).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      comment: "Modules that import each other at run time cannot be read, tested or changed alone.",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "domain-stays-inside",
      comment: "Rules and use cases know nothing of HTTP routes, pages, components, the browser client or sockets.",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { path: "^src/(app|components|client|realtime)/" },
    },
    {
      name: "browser-stays-out-of-the-server",
      comment: "Code that runs in the browser takes shapes and rules from src/shared, never the domain, the database or the server.",
      severity: "error",
      from: { path: "^src/(components|client)/" },
      to: { path: "^src/(domain|db|server|realtime|auth)/|^src/generated/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "shared-is-shared",
      comment: "src/shared is imported by browser and server alike: it depends on nothing of either.",
      severity: "error",
      from: { path: "^src/shared/" },
      to: { path: "^src/(?!shared/)" },
    },
    {
      name: "pages-call-the-domain",
      comment: "Pages and layouts read through the domain's use cases, not Prisma (the client from src/db is only handed on).",
      severity: "error",
      from: { path: "^src/app/(?!api/).*(page|layout)\\.tsx$" },
      to: { path: "^src/generated/|^node_modules/@prisma/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "\\.test\\.tsx?$" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
