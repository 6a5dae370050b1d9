#!/usr/bin/env node
// Prints one closing line for the whole suite from vitest's and Playwright's JSON reports.
import fs from "node:fs";

const read = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
};
const [vitestFile, playwrightFile] = process.argv.slice(2);
const v = read(vitestFile);
const p = read(playwrightFile);
const passed = (v?.numPassedTests ?? 0) + (p?.stats?.expected ?? 0) + (p?.stats?.flaky ?? 0);
const failed = (v?.numFailedTests ?? 0) + (p?.stats?.unexpected ?? 0) + (v ? 0 : 1) + (p ? 0 : 1);
const skipped = (v?.numPendingTests ?? 0) + (v?.numTodoTests ?? 0) + (p?.stats?.skipped ?? 0);
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
// A missing report is a run that did not happen: the suite fails.
if (failed > 0) process.exitCode = 1;
