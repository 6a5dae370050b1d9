// A full garbage collection in another Node process, through its inspector (started with
// --inspect=127.0.0.1:<port>): memory figures then count what is alive, not what is
// waiting to be collected. Uses the WebSocket client of `node --experimental-websocket`.
export async function collectGarbage(inspectPort: number): Promise<void> {
  const [target] = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  await new Promise<void>((resolve) => {
    socket.onmessage = (event) => {
      if (JSON.parse(String(event.data)).id === 1) resolve();
    };
    socket.send(JSON.stringify({ id: 1, method: "HeapProfiler.collectGarbage" }));
  });
  socket.close();
}
