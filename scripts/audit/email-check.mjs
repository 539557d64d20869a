// What caniemail.com's data (npm caniemail) says the given mail programs lack for an e-mail's
// HTML: `node email-check.mjs FILE.html [CLIENT_GLOB...]` prints one JSON object
// {"errors": [...], "warnings": [...]}: errors are features a client does not support at all,
// warnings those it supports in part. Used by tests/site/test_editions.py.
import { readFileSync } from "node:fs";
import { caniemail, formatIssue } from "caniemail";

const [file, ...globs] = process.argv.slice(2);
const clients = globs.length ? globs : ["gmail.*", "outlook.*", "apple-mail.*"];
const result = caniemail({ clients, html: readFileSync(file, "utf8") });
const out = { errors: [], warnings: [] };
for (const [kind, issueType] of [["errors", "error"], ["warnings", "warning"]]) {
  for (const [client, issues] of result.issues[kind]) {
    for (const issue of issues) out[kind].push(formatIssue({ client, issue, issueType }).message);
  }
}
out.errors = [...new Set(out.errors)].sort();
out.warnings = [...new Set(out.warnings)].sort();
console.log(JSON.stringify(out));
