"use client";
// A voice note in a bubble: waveform bars that fill as it plays, play/pause, seek by
// clicking or tapping the waveform (or with the arrow keys), 1× / 1.5× / 2×, the length,
// and for the recipient a mark until it has been played.
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { MessageView } from "@/domain/messages/view";
import { VOICE } from "@/shared/limits";
import { Icon } from "@/components/icons";
import { claimPlayback } from "./playback";
import { formatDuration, fractionAt, playedBars, waveformBars } from "./waveform";

type Media = NonNullable<MessageView["media"]>[number];

const SPEEDS = [1, 1.5, 2] as const;
const KEY_STEP_MS = 2000;

/** Tells the server this listener played the voice note (idempotent; the sender hears of it). */
function reportPlayed(mediaId: string): void {
  void fetch(`/api/media/${encodeURIComponent(mediaId)}/played`, { method: "POST" }).catch(() => {
    /* offline: the mark is sent again the next time it is played */
  });
}

export function VoicePlayer({ media, mine, senderName, viewerId }: { media: Media; mine: boolean; senderName?: string; viewerId?: string }) {
  const t = useTranslations("media.voice");
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [positionMs, setPositionMs] = useState(0);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(1);
  const [mediaDurationMs, setMediaDurationMs] = useState<number | null>(null);
  const playedByMe = mine || (viewerId !== undefined && (media.playedBy ?? []).includes(viewerId));
  const [played, setPlayed] = useState(playedByMe);
  useEffect(() => setPlayed(playedByMe), [playedByMe]);
  const playedByOthers = mine && (media.playedBy?.length ?? 0) > 0;

  const durationMs = media.durationMs ?? mediaDurationMs ?? 0;
  const bars = waveformBars(media.waveform, VOICE.waveformBars);
  const filled = playedBars(bars.length, durationMs ? positionMs / durationMs : 0);
  const length = formatDuration(durationMs);

  // Follow the playhead smoothly while playing (timeupdate fires only a few times a second).
  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    const tick = () => {
      if (audio.current) setPositionMs(audio.current.currentTime * 1000);
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing]);

  async function toggle() {
    const a = audio.current;
    if (!a) return;
    if (!a.paused) return a.pause();
    claimPlayback(a);
    a.playbackRate = speed;
    await a.play().catch(() => {});
  }

  function seek(fraction: number) {
    const a = audio.current;
    if (!a || !durationMs) return;
    const ms = Math.min(durationMs, Math.max(0, fraction * durationMs));
    a.currentTime = ms / 1000;
    setPositionMs(ms);
  }

  function onKeyDown(e: React.KeyboardEvent) {
    const step = { ArrowLeft: -KEY_STEP_MS, ArrowDown: -KEY_STEP_MS, ArrowRight: KEY_STEP_MS, ArrowUp: KEY_STEP_MS }[e.key];
    if (step !== undefined) seek((positionMs + step) / durationMs);
    else if (e.key === "Home") seek(0);
    else if (e.key === "End") seek(1);
    else return;
    e.preventDefault();
  }

  function cycleSpeed() {
    const next = SPEEDS[(SPEEDS.indexOf(speed) + 1) % SPEEDS.length];
    setSpeed(next);
    if (audio.current) audio.current.playbackRate = next;
  }

  const description = senderName ? t("fromSender", { name: senderName, length }) : mine ? t("fromYou", { length }) : t("generic", { length });
  return (
    <div className="voice-player" role="group" aria-label={description} data-testid="voice-player" data-playing={playing || undefined}>
      <audio
        ref={audio}
        src={media.url}
        preload="metadata"
        onPlay={() => {
          setPlaying(true);
          if (!mine && !played) {
            reportPlayed(media.id);
            setPlayed(true);
          }
        }}
        onPause={() => setPlaying(false)}
        onEnded={() => {
          setPlaying(false);
          setPositionMs(0);
        }}
        onLoadedMetadata={(e) => Number.isFinite(e.currentTarget.duration) && setMediaDurationMs(e.currentTarget.duration * 1000)}
      />
      <button type="button" className="voice-play" onClick={toggle} aria-label={playing ? t("pause") : t("play")} data-testid="voice-play">
        <Icon name={playing ? "pause" : "play"} size={18} />
      </button>
      <div
        className="voice-wave"
        role="slider"
        tabIndex={0}
        aria-label={t("position")}
        aria-valuemin={0}
        aria-valuemax={Math.round(durationMs / 1000)}
        aria-valuenow={Math.round(positionMs / 1000)}
        aria-valuetext={t("positionOf", { position: formatDuration(positionMs), length })}
        data-testid="voice-wave"
        data-filled={filled}
        onPointerDown={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          seek(fractionAt(e.clientX, box.left, box.width));
        }}
        onKeyDown={onKeyDown}
      >
        {bars.map((h, i) => (
          <span key={i} className={i < filled ? "bar played" : "bar"} style={{ height: `${Math.round(h * 100)}%` }} />
        ))}
      </div>
      <span className="voice-time" aria-hidden="true">
        {playing || positionMs > 0 ? formatDuration(positionMs) : length}
      </span>
      <button type="button" className="voice-speed" onClick={cycleSpeed} aria-label={t("speed", { speed })} data-testid="voice-speed">
        {speed}×
      </button>
      {!played ? <span className="voice-unplayed" aria-label={t("unplayed")} role="img" data-testid="voice-unplayed" /> : null}
      {playedByOthers ? (
        <span className="voice-played small muted" data-testid="voice-played">
          {t("playedByOthers")}
        </span>
      ) : null}
    </div>
  );
}
