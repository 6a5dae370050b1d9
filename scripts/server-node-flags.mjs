// The Node.js flags the server runs with, wherever it is started: `npm start` (package.json
// spells them out, a test checks they match), the test and benchmark servers, the local cluster.
//
// A young generation of 64 MB instead of V8's 16 MB: a message allocates tens of KB
// (socket frames, the views, the batch's statements), which filled 16 MB every ~90 ms at
// 3,000 msg/s, so objects alive for a moment were promoted and the old generation grew
// ~10 MB/s until a full collection. Four times the room means a quarter of the scavenges,
// and what lives a few hundred milliseconds dies young.
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"];
