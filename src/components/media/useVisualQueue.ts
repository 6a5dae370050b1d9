"use client";
// The composer's visuals: adding (never beyond the limit), scaling photos down in the
// background as they are added, edits, and the uploads that run once the user sends
// (never before: the privacy warning comes first), each with progress, cancel and retries.
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { downscalePhoto } from "./downscalePhoto";
import { prepareVideo, type PreparedVideo } from "./prepareVideo";
import { nextToPrepare, nextToUpload, queueReducer, readyMediaIds, roomFor, uploadFileOf, type VideoEdits, type Visual, type VisualKind } from "./uploadQueue";
import { uploadMedia } from "./uploadMedia";

const kindOf = (file: File): VisualKind | null => (file.type.startsWith("image/") ? "image" : file.type.startsWith("video/") ? "video" : null);

let counter = 0;
const newId = () => `visual-${Date.now().toString(36)}-${++counter}`;

/** Video edits the browser left to the server travel as upload fields; photos arrive edited, with their alt text. */
function uploadFields(v: Visual, videoEdits: VideoEdits | undefined): Record<string, string | number | boolean | undefined> {
  if (v.kind === "image") return { altText: v.photoEdits?.altText.trim() || undefined };
  if (v.kind !== "video" || !videoEdits) return {};
  return {
    trimStartMs: videoEdits.trimStartMs || undefined,
    trimEndMs: videoEdits.trimEndMs ?? undefined,
    muted: videoEdits.muted || undefined,
  };
}

const NO_VIDEO_EDITS: VideoEdits = { trimStartMs: 0, trimEndMs: null, muted: false };

export function useVisualQueue(conversationId: string, onReady: (mediaIds: string[]) => void) {
  const [visuals, dispatch] = useReducer(queueReducer, []);
  const [sending, setSending] = useState(false);
  const controllers = useRef(new Map<string, AbortController>());
  const retryTimers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const preparedVideos = useRef(new Map<string, { source: File; key: string; prepared: PreparedVideo }>());
  const latest = useRef(visuals);
  latest.current = visuals;

  /** Adds what fits; answers how many files were refused for the limit and for their type. */
  const add = useCallback((files: File[]) => {
    const usable = files.filter((f) => kindOf(f));
    const room = roomFor(latest.current, usable.length);
    const added: Visual[] = usable.slice(0, room).map((file) => ({
      id: newId(),
      kind: kindOf(file)!,
      original: file,
      file,
      // A photo's tile waits for its thumbnail (prepared with the scaled-down copy).
      previewUrl: kindOf(file) === "image" ? "" : URL.createObjectURL(file),
      prepare: kindOf(file) === "image" ? "waiting" : "done",
      upload: { state: "idle" },
    }));
    latest.current = queueReducer(latest.current, { type: "add", visuals: added });
    dispatch({ type: "add", visuals: added });
    return { overLimit: usable.length - room, unsupported: files.length - usable.length };
  }, []);

  const stop = useCallback((id: string) => {
    controllers.current.get(id)?.abort();
    controllers.current.delete(id);
    clearTimeout(retryTimers.current.get(id));
    retryTimers.current.delete(id);
  }, []);

  const remove = useCallback(
    (id: string) => {
      stop(id);
      preparedVideos.current.delete(id);
      const v = latest.current.find((x) => x.id === id);
      if (v) URL.revokeObjectURL(v.previewUrl);
      dispatch({ type: "remove", id });
    },
    [stop],
  );

  const start = useCallback(
    async (v: Visual) => {
      const controller = new AbortController();
      controllers.current.set(v.id, controller);
      dispatch({ type: "started", id: v.id });
      // A video is first made ready here where the browser can (prepareVideo.ts): the first
      // half of its bar, and only once per version of the file and its edits (retries reuse it).
      let upload: PreparedVideo = { file: uploadFileOf(v), edits: v.videoEdits ?? NO_VIDEO_EDITS };
      let uploadShare = 1;
      if (v.kind === "video") {
        const key = JSON.stringify(upload.edits);
        const kept = preparedVideos.current.get(v.id);
        if (kept && kept.source === v.file && kept.key === key) upload = kept.prepared;
        else {
          upload = await prepareVideo(v.file, upload.edits, (p) => dispatch({ type: "progress", id: v.id, progress: p / 2 }), controller.signal);
          if (controller.signal.aborted) return;
          preparedVideos.current.set(v.id, { source: v.file, key, prepared: upload });
        }
        if (upload.file !== v.file) uploadShare = 0.5;
      }
      const result = await uploadMedia({
        file: upload.file,
        conversationId,
        fields: uploadFields(v, v.kind === "video" ? upload.edits : undefined),
        signal: controller.signal,
        onProgress: (progress) => dispatch({ type: "progress", id: v.id, progress: 1 - uploadShare + uploadShare * progress }),
      });
      controllers.current.delete(v.id);
      if (result.ok) dispatch({ type: "succeeded", id: v.id, mediaId: result.media.id });
      else if (!("cancelled" in result)) dispatch({ type: "failed", id: v.id, code: result.code, retryable: result.retryable });
    },
    [conversationId],
  );

  // Scale the photos down while the user looks at the tray, so that Send finds them ready.
  useEffect(() => {
    for (const v of nextToPrepare(visuals)) {
      dispatch({ type: "preparing", id: v.id });
      void downscalePhoto(v.original).then(({ file, preview }) => {
        const now = latest.current.find((x) => x.id === v.id);
        // The editor's picture, once there is one, stays in the tray.
        const previewUrl = now && !now.previewUrl ? URL.createObjectURL(preview ?? v.original) : undefined;
        dispatch({ type: "prepared", id: v.id, downscaled: file === v.original ? undefined : file, previewUrl });
      });
    }
  }, [visuals]);

  // Start what may start; try a failed upload again after a growing pause.
  useEffect(() => {
    if (!sending) return;
    for (const v of nextToUpload(visuals)) void start(v);
    for (const v of visuals) {
      if (v.upload.state === "waiting" && !retryTimers.current.has(v.id)) {
        const timer = setTimeout(
          () => {
            retryTimers.current.delete(v.id);
            void start(v);
          },
          1000 * 2 ** (v.upload.attempt - 1),
        );
        retryTimers.current.set(v.id, timer);
      }
    }
    // Nothing left to try: give the tray back so that the user can retry or remove.
    const pending = visuals.some((v) => v.upload.state === "idle" || v.upload.state === "uploading" || v.upload.state === "waiting");
    if (!pending && visuals.some((v) => v.upload.state === "failed")) setSending(false);
    const ids = readyMediaIds(visuals);
    if (ids) {
      setSending(false);
      for (const v of visuals) URL.revokeObjectURL(v.previewUrl);
      dispatch({ type: "clear" });
      onReady(ids);
    }
  }, [sending, visuals, start, onReady]);

  useEffect(
    () => () => {
      for (const c of controllers.current.values()) c.abort();
      for (const t of retryTimers.current.values()) clearTimeout(t);
      for (const v of latest.current) URL.revokeObjectURL(v.previewUrl);
    },
    [],
  );

  const stopSending = useCallback(() => {
    for (const id of [...controllers.current.keys(), ...retryTimers.current.keys()]) stop(id);
    setSending(false);
    for (const v of latest.current) if (v.upload.state === "uploading" || v.upload.state === "waiting") dispatch({ type: "edited", id: v.id, file: v.file, previewUrl: v.previewUrl });
  }, [stop]);

  return {
    visuals,
    sending,
    add,
    remove,
    move: (id: string, by: number) => dispatch({ type: "move", id, by }),
    replace: (id: string, change: Omit<Extract<Parameters<typeof queueReducer>[1], { type: "edited" }>, "type" | "id">) => {
      const old = latest.current.find((x) => x.id === id);
      if (old && old.previewUrl !== change.previewUrl) URL.revokeObjectURL(old.previewUrl);
      dispatch({ type: "edited", id, ...change });
    },
    retry: (id: string) => {
      dispatch({ type: "retry", id });
      setSending(true);
    },
    send: () => setSending(true),
    stopSending,
  };
}
