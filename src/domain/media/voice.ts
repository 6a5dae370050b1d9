// Voice notes: the true length comes from decoding every sample (a container header
// can lie, and MediaRecorder's streamed WebM has none). One ffmpeg pass decodes once
// and writes two outputs: 8 kHz mono PCM on stdout (length and waveform) and the
// stored file.
//
// Stored format: AAC-LC in an M4A (MP4) container, mono 64 kb/s. It is the one audio
// format that Safari (including iOS), Chrome and Firefox all play natively, it is what
// Safari's MediaRecorder produces anyway, and at voice bitrates it sounds better than
// MP3. Opus/WebM would be smaller but older iOS Safari cannot play it.
import path from "node:path";
import { DomainError } from "@/domain/errors";
import { VOICE } from "@/shared/limits";
import { ffmpeg, ffprobe, FfmpegError } from "./ffmpeg";

const SAMPLE_RATE = 8000;
/** Decoding stops here: anything longer is refused anyway. */
const DECODE_LIMIT_S = 62;

export interface ProcessedVoice {
  file: string;
  mime: "audio/mp4";
  ext: "m4a";
  durationMs: number;
  waveform: number[];
}

const unsupported = (why: string) => new DomainError("UNSUPPORTED_MEDIA", why);

/** Exactly one audio stream and nothing to look at (no video, no cover picture). */
export async function assertVoiceStreams(file: string): Promise<void> {
  let probe: Awaited<ReturnType<typeof ffprobe>>;
  try {
    probe = await ffprobe(file);
  } catch {
    throw unsupported("the audio cannot be read");
  }
  const audio = probe.streams.filter((s) => s.codec_type === "audio");
  const video = probe.streams.filter((s) => s.codec_type === "video");
  if (audio.length !== 1 || video.length > 0) throw unsupported("a voice note has exactly one audio stream and no video");
}

/** 64 (VOICE.waveformBars) peaks from 0 to 1, scaled so that the loudest bar is 1. */
export function waveformPeaks(pcm: Buffer, bars: number = VOICE.waveformBars): number[] {
  const samples = Math.floor(pcm.length / 2);
  const peaks = new Array<number>(bars).fill(0);
  if (samples === 0) return peaks;
  for (let bar = 0; bar < bars; bar++) {
    const from = Math.floor((bar * samples) / bars);
    const to = Math.max(from + 1, Math.floor(((bar + 1) * samples) / bars));
    let peak = 0;
    for (let i = from; i < to && i < samples; i++) peak = Math.max(peak, Math.abs(pcm.readInt16LE(i * 2)));
    peaks[bar] = peak / 32768;
  }
  const loudest = Math.max(...peaks);
  return peaks.map((p) => (loudest > 0 ? Math.round((p / loudest) * 1000) / 1000 : 0));
}

export async function processVoice(file: string, dir: string): Promise<ProcessedVoice> {
  await assertVoiceStreams(file);
  const out = path.join(dir, "voice.m4a");
  let pcm: Buffer;
  try {
    pcm = await ffmpeg(
      [
        "-i",
        file,
        "-map",
        "0:a:0",
        "-t",
        String(DECODE_LIMIT_S),
        "-vn",
        "-ac",
        "1",
        "-ar",
        String(SAMPLE_RATE),
        "-f",
        "s16le",
        "pipe:1",
        "-map",
        "0:a:0",
        "-t",
        String(DECODE_LIMIT_S),
        "-vn",
        "-map_metadata",
        "-1",
        "-ac",
        "1",
        "-ar",
        "48000",
        "-c:a",
        "aac",
        "-b:a",
        "64k",
        "-movflags",
        "+faststart",
        out,
      ],
      { maxStdout: DECODE_LIMIT_S * SAMPLE_RATE * 2 + 65536 },
    );
  } catch (e) {
    if (e instanceof FfmpegError) throw unsupported("the audio cannot be decoded");
    throw e;
  }
  const samples = Math.floor(pcm.length / 2);
  if (samples === 0) throw unsupported("the audio has no samples");
  const durationMs = Math.round((samples / SAMPLE_RATE) * 1000);
  if (durationMs > VOICE.maxMs + VOICE.paddingToleranceMs) {
    throw new DomainError("VOICE_NOTE_TOO_LONG", `the voice note is ${(durationMs / 1000).toFixed(1)} s long`, { details: { maxMs: VOICE.maxMs } });
  }
  return { file: out, mime: "audio/mp4", ext: "m4a", durationMs, waveform: waveformPeaks(pcm) };
}
