import type { LoadTarget } from "./load";

/** Murmur's socket protocol for the load driver: `message:send` with an ack, `message:new` pushed. */
export const murmurTarget = (url: string): LoadTarget => ({
  url,
  sendEvent: "message:send",
  deliveryEvent: "message:new",
  payload: (conversationId, clientId) => ({ conversationId, clientId, text: "hello from the load test" }),
  identify: (p) => (p?.message ? { clientId: p.message.clientId, senderId: p.message.senderId } : null),
  isOk: (ack) => ack?.ok === true,
});
