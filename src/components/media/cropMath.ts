// Crop rectangles in the pixels of the (rotated) image: pure math, shared by the
// editor's overlay and the canvas that renders the edited photo.

export const ASPECTS = ["free", "1:1", "4:5", "9:16"] as const;
export type Aspect = (typeof ASPECTS)[number];

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Size {
  width: number;
  height: number;
}

/** Width divided by height, or null for a free crop. */
export function aspectRatio(aspect: Aspect): number | null {
  if (aspect === "free") return null;
  const [w, h] = aspect.split(":").map(Number);
  return w / h;
}

/** The image's size after a number of clockwise quarter turns. */
export function rotatedSize(size: Size, quarterTurns: number): Size {
  return ((quarterTurns % 4) + 4) % 2 === 1 ? { width: size.height, height: size.width } : size;
}

/** The largest centred crop of the aspect that fits the image (the whole image when free). */
export function initialCrop(image: Size, aspect: Aspect): Rect {
  const ratio = aspectRatio(aspect);
  if (ratio === null) return { x: 0, y: 0, width: image.width, height: image.height };
  let width = image.width;
  let height = width / ratio;
  if (height > image.height) {
    height = image.height;
    width = height * ratio;
  }
  width = Math.round(width);
  height = Math.round(height);
  return { x: Math.round((image.width - width) / 2), y: Math.round((image.height - height) / 2), width, height };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

/** Moves the crop, keeping it inside the image. */
export function moveCrop(rect: Rect, dx: number, dy: number, image: Size): Rect {
  return {
    ...rect,
    x: Math.round(clamp(rect.x + dx, 0, image.width - rect.width)),
    y: Math.round(clamp(rect.y + dy, 0, image.height - rect.height)),
  };
}

/**
 * Resizes the crop from its bottom-right corner, keeping its top-left corner, its
 * aspect (unless free), a minimum size and the image's bounds.
 */
export function resizeCrop(rect: Rect, dw: number, dh: number, aspect: Aspect, image: Size, minEdge = 32): Rect {
  const ratio = aspectRatio(aspect);
  const maxW = image.width - rect.x;
  const maxH = image.height - rect.y;
  if (ratio === null) {
    return {
      ...rect,
      width: Math.round(clamp(rect.width + dw, Math.min(minEdge, maxW), maxW)),
      height: Math.round(clamp(rect.height + dh, Math.min(minEdge, maxH), maxH)),
    };
  }
  // Follow the larger of the two movements, expressed as a width.
  const wanted = Math.abs(dw) >= Math.abs(dh * ratio) ? rect.width + dw : rect.width + dh * ratio;
  const maxWidth = Math.min(maxW, maxH * ratio);
  const minWidth = Math.min(Math.max(minEdge, minEdge * ratio), maxWidth);
  const width = clamp(wanted, minWidth, maxWidth);
  return { ...rect, width: Math.round(width), height: Math.round(width / ratio) };
}

/** Scales a rectangle between the displayed preview and the image's pixels. */
export function scaleRect(rect: Rect, factor: number): Rect {
  return { x: rect.x * factor, y: rect.y * factor, width: rect.width * factor, height: rect.height * factor };
}

/** The output size: the crop, scaled down so that its longest edge is at most maxEdge. */
export function outputSize(crop: Size, maxEdge: number): Size {
  const scale = Math.min(1, maxEdge / Math.max(crop.width, crop.height));
  return { width: Math.max(1, Math.round(crop.width * scale)), height: Math.max(1, Math.round(crop.height * scale)) };
}
