// A phone clip from upload to the recipient: a fresh built server with the real classifier
// (MURMUR_CLASSIFIER unset), a 60 s 1080p clip uploaded with a trim (so it is transcoded in
// the background), sent at once in a message to a second user over a real socket. The figure
// is upload finished (the 202 answer) → the recipient's message:new, and the recipient's fetch
// of the video. Target: under 15 s. BENCH_VIDEO_CODECS (default h264,hevc; vp9 too) picks the clips.
import fsp from "node:fs/promises";
import path from "node:path";
import { createUser } from "../tests/helpers/api";
import { cid, startDirect } from "../tests/helpers/chat";
import { ffmpegSync, fixtureDir } from "../tests/helpers/media";
import { uploadFile } from "../tests/helpers/safety";
import { startServer } from "../tests/helpers/server";
import { connectSocket, emitWithAck, nextEvent } from "../tests/helpers/socket";

const CODECS: Record<string, { args: string[]; ext: string; type: string }> = {
  h264: { args: ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"], ext: "mp4", type: "video/mp4" },
  hevc: { args: ["-c:v", "libx265", "-preset", "ultrafast", "-tag:v", "hvc1", "-pix_fmt", "yuv420p", "-c:a", "aac"], ext: "mp4", type: "video/mp4" },
  vp9: { args: ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "4M", "-c:a", "libopus"], ext: "webm", type: "video/webm" },
};

/** 60 s of 1080p at 30 fps with a tone, like a phone clip (testsrc2 moves, so it does not compress to nothing). */
function makeClip(dir: string, codec: string): string {
  const { args, ext } = CODECS[codec];
  const file = path.join(dir, `clip-${codec}.${ext}`);
  ffmpegSync(["-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30:duration=60", "-f", "lavfi", "-i", "sine=frequency=440:duration=60", "-shortest", ...args, file]);
  return file;
}

export async function benchVideo(): Promise<Record<string, unknown>[]> {
  const dir = fixtureDir();
  const codecs = (process.env.BENCH_VIDEO_CODECS ?? "h264,hevc").split(",").filter((c) => CODECS[c]);
  // Made first: ffmpegSync blocks this process for a minute, which would time out its sockets.
  const clips = new Map(codecs.map((codec) => [codec, makeClip(dir, codec)]));
  const server = await startServer({ env: { MURMUR_MEDIA_DIR: path.join(dir, "media"), MURMUR_UPLOAD_TMP: path.join(dir, "tmp") } });
  const rows: Record<string, unknown>[] = [];
  try {
    const [alice, bob] = await Promise.all([createUser(server.url), createUser(server.url)]);
    const conversationId = (await startDirect(alice, bob)).conversation.id as string;
    await bob.api.post(`/api/conversations/${conversationId}/accept`);
    const [aliceSocket, bobSocket] = await Promise.all([connectSocket(server.url, alice.token), connectSocket(server.url, bob.token)]);
    for (const [codec, file] of clips) {
      const bytes = await fsp.readFile(file);
      const uploadStarted = performance.now();
      const res = await uploadFile(alice, conversationId, bytes, { name: path.basename(file), type: CODECS[codec].type, fields: { trimStartMs: 1000 } });
      const uploaded = performance.now();
      if (res.status !== 202 && res.status !== 201) throw new Error(`upload answered ${res.status} ${JSON.stringify(res.body)}`);
      const media = res.body.media as { id: string };
      const clientId = cid("bench-video");
      const ack = await emitWithAck(aliceSocket, "message:send", { conversationId, clientId, text: codec, mediaIds: [media.id] }, 30_000);
      if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack)}`);
      const ready = nextEvent(aliceSocket, "media:ready", (e) => e.media.id === media.id, 10 * 60_000).then(() => performance.now());
      await nextEvent(bobSocket, "message:new", (e) => e.message.clientId === clientId, 10 * 60_000);
      const delivered = performance.now();
      const fetched = await fetch(`${server.url}/api/media/${media.id}`, { headers: { authorization: `Bearer ${bob.token}` } });
      const body = await fetched.arrayBuffer();
      const playable = performance.now();
      const readyAt = res.status === 202 ? await ready : uploaded;
      const row = {
        clip: `60 s 1080p ${codec}, trimmed from 1 s`,
        "MB uploaded": +(bytes.length / 2 ** 20).toFixed(1),
        "upload answer": res.status,
        "upload s": +((uploaded - uploadStarted) / 1000).toFixed(2),
        "upload → media:ready s": +((readyAt - uploaded) / 1000).toFixed(2),
        "upload → recipient's message:new s": +((delivered - uploaded) / 1000).toFixed(2),
        "upload → video fetched s": +((playable - uploaded) / 1000).toFixed(2),
        "fetch status": fetched.status,
        "MB stored": +(body.byteLength / 2 ** 20).toFixed(1),
        target: "< 15 s",
      };
      console.log(JSON.stringify(row));
      rows.push(row);
    }
    aliceSocket.close();
    bobSocket.close();
    return rows;
  } finally {
    await server.stop();
    await fsp.rm(dir, { recursive: true, force: true });
  }
}
