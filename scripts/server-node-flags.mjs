// The Node.js flags the server runs with, wherever it is started: `npm start` (package.json
// spells them out, a test checks they match), the test and benchmark servers, the local cluster.
//
// A young generation of 128 MB instead of V8's 16 MB: a message allocates about 30 KB
// (socket frames, the views, the batch's JSON), which filled 16 MB every ~90 ms at 3,000
// msg/s, so objects alive for a moment were promoted and the old generation grew ~10 MB/s
// until a full collection, whose concurrent marking then took the cores from the sockets
// (event-loop stalls of 150-260 ms every few seconds at 8,000 msg/s with 64 MB; none over
// 50 ms with 128). What lives a second now dies young; a scavenge takes 3-6 ms.
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=128"];
