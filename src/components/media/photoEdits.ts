// What the photo editor changes, and the canvas that applies it: rotate, crop, look,
// brightness and contrast, then the text on top. The result is the file that is uploaded.
import { VISUALS } from "@/shared/limits";
import { applyAdjustments, isUnadjusted, NO_ADJUSTMENTS, type Adjustments } from "./adjustments";
import { initialCrop, outputSize, rotatedSize, type Aspect, type Rect, type Size } from "./cropMath";

export const TEXT_POSITIONS = ["top", "middle", "bottom"] as const;
export type TextPosition = (typeof TEXT_POSITIONS)[number];

export interface PhotoEdits {
  /** Clockwise quarter turns, 0..3. */
  quarterTurns: number;
  aspect: Aspect;
  /** In the pixels of the rotated photo. */
  crop: Rect;
  adjustments: Adjustments;
  text: string;
  textPosition: TextPosition;
  /** The photo's description for screen readers: sent with the upload, never drawn. */
  altText: string;
}

export function defaultEdits(size: Size): PhotoEdits {
  return {
    quarterTurns: 0,
    aspect: "free",
    crop: initialCrop(size, "free"),
    adjustments: NO_ADJUSTMENTS,
    text: "",
    textPosition: "bottom",
    altText: "",
  };
}

/** True when rendering would give back the same picture (so the original is uploaded). */
export function changesPixels(edits: PhotoEdits, size: Size): boolean {
  const full = rotatedSize(size, edits.quarterTurns);
  const c = edits.crop;
  const cropped = c.x !== 0 || c.y !== 0 || c.width !== full.width || c.height !== full.height;
  return edits.quarterTurns % 4 !== 0 || cropped || !isUnadjusted(edits.adjustments) || edits.text.trim() !== "";
}

export const sizeOf = (source: ImageBitmap | HTMLImageElement | HTMLCanvasElement): Size =>
  "naturalWidth" in source ? { width: source.naturalWidth, height: source.naturalHeight } : { width: source.width, height: source.height };

/** Draws the edited photo, its longest edge at most `maxEdge`. */
export function renderPhoto(source: CanvasImageSource & (ImageBitmap | HTMLImageElement | HTMLCanvasElement), edits: PhotoEdits, maxEdge: number = VISUALS.maxImageEdge): HTMLCanvasElement {
  const size = sizeOf(source);
  const out = outputSize(edits.crop, maxEdge);
  const canvas = document.createElement("canvas");
  canvas.width = out.width;
  canvas.height = out.height;
  const ctx = canvas.getContext("2d", { willReadFrequently: true })!;
  ctx.imageSmoothingQuality = "high";
  ctx.scale(out.width / edits.crop.width, out.height / edits.crop.height);
  ctx.translate(-edits.crop.x, -edits.crop.y);
  // From the rotated photo's coordinates back to the original's.
  const turns = ((edits.quarterTurns % 4) + 4) % 4;
  if (turns === 1) {
    ctx.translate(size.height, 0);
    ctx.rotate(Math.PI / 2);
  } else if (turns === 2) {
    ctx.translate(size.width, size.height);
    ctx.rotate(Math.PI);
  } else if (turns === 3) {
    ctx.translate(0, size.width);
    ctx.rotate(-Math.PI / 2);
  }
  ctx.drawImage(source, 0, 0);
  ctx.setTransform(1, 0, 0, 1, 0, 0);

  if (!isUnadjusted(edits.adjustments)) {
    const image = ctx.getImageData(0, 0, out.width, out.height);
    applyAdjustments(image.data, edits.adjustments);
    ctx.putImageData(image, 0, 0);
  }
  if (edits.text.trim()) drawText(ctx, edits.text.trim(), edits.textPosition, out);
  return canvas;
}

function drawText(ctx: CanvasRenderingContext2D, text: string, position: TextPosition, size: Size) {
  const fontSize = Math.max(14, Math.round(Math.min(size.width, size.height) / 11));
  ctx.font = `800 ${fontSize}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  const lines = wrap(ctx, text, size.width * 0.9);
  const lineHeight = fontSize * 1.2;
  const block = lines.length * lineHeight;
  const top = position === "top" ? size.height * 0.06 : position === "middle" ? (size.height - block) / 2 : size.height * 0.94 - block;
  ctx.lineJoin = "round";
  ctx.lineWidth = Math.max(2, fontSize / 7);
  ctx.strokeStyle = "rgba(0, 0, 0, 0.75)";
  ctx.fillStyle = "#ffffff";
  lines.forEach((line, i) => {
    const y = top + lineHeight * (i + 0.5);
    ctx.strokeText(line, size.width / 2, y);
    ctx.fillText(line, size.width / 2, y);
  });
}

function wrap(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(candidate).width > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

export function canvasToFile(canvas: HTMLCanvasElement, name: string): Promise<File> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(new File([blob], name.replace(/\.[^.]+$/, "") + ".jpg", { type: "image/jpeg" })) : reject(new Error("encoding failed"))), "image/jpeg", 0.92),
  );
}
