"use client";
// Records a voice note with MediaRecorder: a live timer and level, an automatic stop at
// exactly VOICE.maxMs, and the recording kept for a preview before it is sent.
import { useCallback, useEffect, useRef, useState } from "react";
import { VOICE } from "@/shared/limits";
import { AUDIO_TYPES, baseMime, pickMime, recordingName } from "./recorderMime";
import { levelOf } from "./waveform";

export type RecorderError = "denied" | "missing" | "failed";

export interface Recording {
  file: File;
  url: string;
  durationMs: number;
  /** The microphone's level (0..1) over the recording: the preview's waveform. */
  peaks: number[];
  /** The recording went on to VOICE.maxMs and was stopped there (not by the user). */
  stoppedAtLimit: boolean;
}

/** How often the level is kept for the preview's waveform. */
const PEAK_EVERY_MS = 100;

type State = { phase: "idle" } | { phase: "starting" } | { phase: "recording"; since: number } | { phase: "preview"; recording: Recording } | { phase: "error"; error: RecorderError };

export function useVoiceRecorder() {
  const [state, setState] = useState<State>({ phase: "idle" });
  const [elapsedMs, setElapsedMs] = useState(0);
  const [level, setLevel] = useState(0);
  const session = useRef<{ recorder: MediaRecorder; stream: MediaStream; audio: AudioContext; keep: boolean; frame: number; timer: ReturnType<typeof setTimeout> } | null>(null);
  const stopWanted = useRef(false);

  const release = useCallback(() => {
    const s = session.current;
    if (!s) return;
    cancelAnimationFrame(s.frame);
    clearTimeout(s.timer);
    s.stream.getTracks().forEach((t) => t.stop());
    void s.audio.close().catch(() => {});
    session.current = null;
  }, []);

  const finish = useCallback((keep: boolean) => {
    const s = session.current;
    if (!s) {
      // Released before the microphone was ready: stop as soon as it is.
      stopWanted.current = true;
      return;
    }
    s.keep = keep;
    if (s.recorder.state !== "inactive") s.recorder.stop();
  }, []);

  const start = useCallback(async () => {
    if (session.current) return;
    stopWanted.current = false;
    setState({ phase: "starting" });
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
    } catch (e) {
      const name = (e as DOMException)?.name;
      setState({ phase: "error", error: name === "NotAllowedError" ? "denied" : name === "NotFoundError" ? "missing" : "failed" });
      return;
    }
    const mimeType = pickMime(AUDIO_TYPES, (type) => MediaRecorder.isTypeSupported(type));
    const recorder = new MediaRecorder(stream, mimeType ? { mimeType, audioBitsPerSecond: 48_000 } : undefined);
    const audio = new AudioContext();
    const analyser = audio.createAnalyser();
    analyser.fftSize = 512;
    audio.createMediaStreamSource(stream).connect(analyser);
    const samples = new Uint8Array(analyser.fftSize);
    const chunks: Blob[] = [];
    let since = 0;
    let stoppedAt = 0;
    let atLimit = false;
    const peaks: number[] = [];
    let peak = 0;
    let lastPeakAt = 0;

    const s = { recorder, stream, audio, keep: true, frame: 0, timer: 0 as unknown as ReturnType<typeof setTimeout> };
    session.current = s;
    const tick = () => {
      analyser.getByteTimeDomainData(samples);
      const level = levelOf(samples);
      setLevel(level);
      const now = performance.now();
      peak = Math.max(peak, level);
      if (now - lastPeakAt >= PEAK_EVERY_MS) {
        peaks.push(peak);
        peak = 0;
        lastPeakAt = now;
      }
      setElapsedMs(Math.min(VOICE.maxMs, now - since));
      s.frame = requestAnimationFrame(tick);
    };
    recorder.ondataavailable = (e) => e.data.size && chunks.push(e.data);
    recorder.onstart = () => {
      since = performance.now();
      setState({ phase: "recording", since: Date.now() });
      s.timer = setTimeout(() => {
        atLimit = true;
        finish(true);
      }, VOICE.maxMs);
      s.frame = requestAnimationFrame(tick);
      if (stopWanted.current) finish(true);
    };
    recorder.onstop = () => {
      stoppedAt = performance.now();
      const keep = s.keep;
      release();
      setLevel(0);
      if (!keep || !chunks.length) return setState({ phase: "idle" });
      const type = baseMime(recorder.mimeType || mimeType || "audio/webm");
      const file = new File(chunks, recordingName(`voice-${Date.now()}`, type), { type });
      const durationMs = atLimit ? VOICE.maxMs : Math.min(VOICE.maxMs, Math.round(stoppedAt - since));
      setState({ phase: "preview", recording: { file, url: URL.createObjectURL(file), durationMs, peaks, stoppedAtLimit: atLimit } });
    };
    recorder.start(250);
  }, [finish, release]);

  const discard = useCallback(() => {
    setState((s) => {
      if (s.phase === "preview") URL.revokeObjectURL(s.recording.url);
      return { phase: "idle" };
    });
    setElapsedMs(0);
  }, []);

  useEffect(
    () => () => {
      if (session.current) {
        session.current.keep = false;
        session.current.recorder.stop();
      }
      release();
    },
    [release],
  );

  return {
    state,
    elapsedMs,
    level,
    start,
    stop: () => finish(true),
    cancel: () => finish(false),
    discard,
  };
}
