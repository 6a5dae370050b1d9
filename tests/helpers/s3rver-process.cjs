// Runs s3rver for tests/helpers/s3.ts in a process of its own: s3rver's ListObjectsV2
// continuation tokens use DES, which Node 20's OpenSSL 3 only offers with
// --openssl-legacy-provider (a flag for this fake server, never for Murmur).
// argv: directory, bucket. Prints {"port": n} once listening; SIGTERM stops it.
const S3rver = require("s3rver");

const [directory, bucket] = process.argv.slice(2);
const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
server.run().then(({ port }) => process.stdout.write(JSON.stringify({ port }) + "\n"));
process.on("SIGTERM", () => server.close().finally(() => process.exit(0)));
process.on("disconnect", () => process.exit(0)); // the test process died: never linger
