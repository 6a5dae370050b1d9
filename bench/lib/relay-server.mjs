// The ceiling: a bare Socket.IO relay with no auth, validation or storage. A client joins
// its conversations, then each `send` is acked and relayed to the conversation's other sockets.
import { createServer } from "node:http";
import { Server } from "socket.io";

const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false });
io.on("connection", (socket) => {
  socket.on("join", (rooms, ack) => {
    socket.join(rooms);
    ack?.({ ok: true });
  });
  socket.on("send", (payload, ack) => {
    socket.to(payload.conversationId).emit("relay", payload);
    ack?.({ ok: true });
  });
});
httpServer.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`relay ready on ${httpServer.address().port}`);
});
