"use client";
// Up to 9 photos and videos in a bubble: the blurred placeholder until each thumbnail has
// loaded, and sizes known in advance so that nothing jumps.
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { MessageView } from "@/domain/messages/view";
import { Icon } from "@/components/icons";
import { formatDuration } from "./waveform";

export type Visual = NonNullable<MessageView["media"]>[number];

export function VisualGrid({ visuals, onOpen }: { visuals: Visual[]; onOpen(index: number): void }) {
  const t = useTranslations("media.viewer");
  const single = visuals.length === 1 ? visuals[0] : null;
  const columns = visuals.length === 1 ? 1 : visuals.length === 2 || visuals.length === 4 ? 2 : 3;
  return (
    <ul
      className="visual-grid"
      data-testid="visual-grid"
      data-count={visuals.length}
      style={{
        gridTemplateColumns: `repeat(${columns}, 1fr)`,
        // One visual keeps its shape (within limits); several sit in square tiles.
        aspectRatio: single?.width && single.height ? `${Math.min(2, Math.max(0.5, single.width / single.height))}` : undefined,
      }}
    >
      {visuals.map((v, i) => (
        <li key={v.id} className={single ? "visual-tile single" : "visual-tile"}>
          <button
            type="button"
            className="visual-tile-button"
            onClick={() => onOpen(i)}
            aria-label={v.altText || t(v.kind === "video" ? "genericVideo" : "genericPhoto", { n: i + 1, count: visuals.length })}
            data-testid="visual-tile"
            data-width={v.width ?? undefined}
            data-height={v.height ?? undefined}
          >
            <Thumbnail visual={v} />
            {v.kind === "video" ? (
              <span className="visual-video-badge" aria-hidden="true">
                <Icon name="play" size={12} /> {v.durationMs ? formatDuration(v.durationMs) : ""}
              </span>
            ) : null}
          </button>
        </li>
      ))}
    </ul>
  );
}

function Thumbnail({ visual }: { visual: Visual }) {
  const [loaded, setLoaded] = useState(false);
  const src = visual.thumbnailUrl ?? (visual.kind === "image" ? visual.url : null);
  return (
    <span className="visual-thumb" style={visual.placeholder ? { backgroundImage: `url(${visual.placeholder})` } : undefined} data-loaded={loaded || undefined}>
      {src ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img
          src={src}
          alt=""
          loading="lazy"
          decoding="async"
          width={visual.width ?? undefined}
          height={visual.height ?? undefined}
          onLoad={() => setLoaded(true)}
          ref={(img) => {
            if (img?.complete && img.naturalWidth) setLoaded(true);
          }}
        />
      ) : null}
    </span>
  );
}
