"use client";
// Edits one photo before it is sent: crop (free or a fixed aspect), rotate, a look,
// brightness, contrast, a text on top and an alt text. "Done" renders the real file.
import { useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { LOOKS, type Look } from "./adjustments";
import { ASPECTS, initialCrop, moveCrop, resizeCrop, rotatedSize, type Aspect, type Size } from "./cropMath";
import { VISUALS } from "@/shared/limits";
import { Dialog } from "../a11y/Dialog";
import { Icon } from "@/components/icons";
import { canvasToFile, defaultEdits, renderPhoto, sizeOf, TEXT_POSITIONS, type PhotoEdits, type TextPosition } from "./photoEdits";

const PREVIEW_EDGE = 720;

export interface PhotoEditorProps {
  original: File;
  edits?: PhotoEdits;
  onDone(file: File, edits: PhotoEdits): void;
  onCancel(): void;
}

export function PhotoEditor({ original, edits: initial, onDone, onCancel }: PhotoEditorProps) {
  const t = useTranslations("media.editor");
  const titleId = useId();
  const [bitmap, setBitmap] = useState<ImageBitmap | null>(null);
  const [edits, setEdits] = useState<PhotoEdits | null>(initial ?? null);
  const [saving, setSaving] = useState(false);
  const previewRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let live = true;
    let made: ImageBitmap | null = null;
    createImageBitmap(original, { imageOrientation: "from-image" }).then((b) => {
      made = b;
      if (!live) return b.close();
      setBitmap(b);
      setEdits((e) => e ?? defaultEdits(sizeOf(b)));
    });
    return () => {
      live = false;
      made?.close();
    };
  }, [original]);

  const size: Size | null = bitmap && edits ? rotatedSize(sizeOf(bitmap), edits.quarterTurns) : null;

  // The preview: the rotated photo with its look, small enough to redraw on every change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: redrawn when the photo, its turns or its look change, not on every crop move
  useEffect(() => {
    if (!bitmap || !edits || !size || !previewRef.current) return;
    const drawn = renderPhoto(bitmap, { ...edits, crop: { x: 0, y: 0, ...size }, text: "" }, PREVIEW_EDGE);
    const target = previewRef.current;
    target.width = drawn.width;
    target.height = drawn.height;
    target.getContext("2d")!.drawImage(drawn, 0, 0);
  }, [bitmap, edits?.quarterTurns, edits?.adjustments]);

  const change = (patch: Partial<PhotoEdits>) => setEdits((e) => (e ? { ...e, ...patch } : e));
  const setAspect = (aspect: Aspect) => size && change({ aspect, crop: initialCrop(size, aspect) });
  const rotate = () => {
    if (!bitmap || !edits) return;
    const quarterTurns = (edits.quarterTurns + 1) % 4;
    change({ quarterTurns, crop: initialCrop(rotatedSize(sizeOf(bitmap), quarterTurns), edits.aspect) });
  };
  const setAdjustment = (patch: Partial<PhotoEdits["adjustments"]>) => edits && change({ adjustments: { ...edits.adjustments, ...patch } });

  async function done() {
    if (!bitmap || !edits) return;
    setSaving(true);
    try {
      onDone(await canvasToFile(renderPhoto(bitmap, edits), original.name), edits);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog open onClose={onCancel} labelledBy={titleId} className="media-dialog editor-dialog" closeOnBackdrop={false} testId="photo-editor">
      <header className="editor-header">
        <button type="button" className="button" onClick={onCancel}>
          {t("cancel")}
        </button>
        <h2 id={titleId}>{t("photoTitle")}</h2>
        <button type="button" className="button primary" onClick={done} disabled={!edits || saving} data-testid="editor-done">
          {t("done")}
        </button>
      </header>
      {edits && size ? (
        <>
          <div className="editor-stage">
            <div className="editor-canvas-wrap">
              {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: a canvas without tabindex takes no focus; the crop box is the control */}
              <canvas ref={previewRef} className="editor-canvas" aria-hidden="true" />
              <CropBox edits={edits} size={size} onChange={(crop) => change({ crop })} label={t("cropArea")} />
            </div>
          </div>
          <div className="editor-tools">
            <fieldset className="chip-group">
              <legend>{t("crop")}</legend>
              {ASPECTS.map((a) => (
                <label key={a} className="chip">
                  <input type="radio" name={`${titleId}-aspect`} checked={edits.aspect === a} onChange={() => setAspect(a)} />
                  <span>{a === "free" ? t("aspectFree") : a}</span>
                </label>
              ))}
              <button type="button" className="chip chip-button" onClick={rotate}>
                <Icon name="rotate" size={18} /> {t("rotate")}
              </button>
            </fieldset>
            <fieldset className="chip-group">
              <legend>{t("look")}</legend>
              {LOOKS.map((look: Look) => (
                <label key={look} className="chip">
                  <input type="radio" name={`${titleId}-look`} checked={edits.adjustments.look === look} onChange={() => setAdjustment({ look })} />
                  <span>{t(`looks.${look}`)}</span>
                </label>
              ))}
            </fieldset>
            <label className="editor-slider">
              <span>{t("brightness")}</span>
              <input type="range" min={-60} max={60} value={edits.adjustments.brightness} onChange={(e) => setAdjustment({ brightness: Number(e.target.value) })} />
            </label>
            <label className="editor-slider">
              <span>{t("contrast")}</span>
              <input type="range" min={-60} max={60} value={edits.adjustments.contrast} onChange={(e) => setAdjustment({ contrast: Number(e.target.value) })} />
            </label>
            <div className="editor-text-row">
              <label>
                <span>{t("text")}</span>
                <input type="text" maxLength={120} value={edits.text} onChange={(e) => change({ text: e.target.value })} placeholder={t("textPlaceholder")} />
              </label>
              <label>
                <span>{t("textPosition")}</span>
                <select value={edits.textPosition} onChange={(e) => change({ textPosition: e.target.value as TextPosition })}>
                  {TEXT_POSITIONS.map((p) => (
                    <option key={p} value={p}>
                      {t(`positions.${p}`)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <label className="editor-alt">
              <span>{t("altText")}</span>
              <input
                type="text"
                maxLength={VISUALS.altTextMax}
                value={edits.altText}
                onChange={(e) => change({ altText: e.target.value })}
                placeholder={t("altTextPlaceholder")}
                data-testid="editor-alt"
              />
            </label>
          </div>
        </>
      ) : (
        <p className="muted editor-loading">{t("loading")}</p>
      )}
    </Dialog>
  );
}

/** The crop rectangle over the preview: drag it, drag its corner, or use the arrow keys (Shift resizes). */
function CropBox({ edits, size, onChange, label }: { edits: PhotoEdits; size: Size; onChange(crop: PhotoEdits["crop"]): void; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const drag = useRef<{ mode: "move" | "resize"; x: number; y: number; crop: PhotoEdits["crop"]; scale: number } | null>(null);
  const crop = edits.crop;

  function begin(e: React.PointerEvent, mode: "move" | "resize") {
    const box = ref.current?.parentElement?.getBoundingClientRect();
    if (!box) return;
    e.preventDefault();
    e.stopPropagation();
    (e.target as Element).setPointerCapture(e.pointerId);
    drag.current = { mode, x: e.clientX, y: e.clientY, crop, scale: size.width / box.width };
  }
  function moveTo(e: React.PointerEvent) {
    const d = drag.current;
    if (!d) return;
    const dx = (e.clientX - d.x) * d.scale;
    const dy = (e.clientY - d.y) * d.scale;
    onChange(d.mode === "move" ? moveCrop(d.crop, dx, dy, size) : resizeCrop(d.crop, dx, dy, edits.aspect, size));
  }
  function onKeyDown(e: React.KeyboardEvent) {
    const step = Math.max(4, Math.round(Math.min(size.width, size.height) / 50));
    const delta = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
    if (!delta) return;
    e.preventDefault();
    onChange(e.shiftKey ? resizeCrop(crop, delta[0], delta[1], edits.aspect, size) : moveCrop(crop, delta[0], delta[1], size));
  }

  const pct = (v: number, of: number) => `${(v / of) * 100}%`;
  return (
    <div
      ref={ref}
      className="crop-box"
      data-testid="crop-box"
      role="group"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the crop area is moved and sized with the arrow keys, so it takes focus
      tabIndex={0}
      aria-label={label}
      aria-description={`${Math.round(crop.width)} × ${Math.round(crop.height)}`}
      style={{ left: pct(crop.x, size.width), top: pct(crop.y, size.height), width: pct(crop.width, size.width), height: pct(crop.height, size.height) }}
      onPointerDown={(e) => begin(e, "move")}
      onPointerMove={moveTo}
      onPointerUp={() => (drag.current = null)}
      onPointerCancel={() => (drag.current = null)}
      onKeyDown={onKeyDown}
    >
      {edits.text.trim() ? <span className={`crop-text crop-text-${edits.textPosition}`}>{edits.text}</span> : null}
      <span className="crop-handle" aria-hidden="true" onPointerDown={(e) => begin(e, "resize")} onPointerMove={moveTo} onPointerUp={() => (drag.current = null)} />
    </div>
  );
}
