// Photo looks, brightness and contrast as pixel operations on RGBA data: the same code
// renders the editor's preview and the uploaded file, in every browser (canvas
// `filter` is missing in some).

export const LOOKS = ["none", "mono", "sepia", "warm", "cool", "vivid"] as const;
export type Look = (typeof LOOKS)[number];

export interface Adjustments {
  look: Look;
  /** -100..100: 0 leaves the photo as it is. */
  brightness: number;
  /** -100..100: 0 leaves the photo as it is. */
  contrast: number;
}

export const NO_ADJUSTMENTS: Adjustments = { look: "none", brightness: 0, contrast: 0 };

export const isUnadjusted = (a: Adjustments) => a.look === "none" && a.brightness === 0 && a.contrast === 0;

function applyLook(look: Look, r: number, g: number, b: number): [number, number, number] {
  switch (look) {
    case "mono": {
      const y = 0.299 * r + 0.587 * g + 0.114 * b;
      return [y, y, y];
    }
    case "sepia":
      return [0.393 * r + 0.769 * g + 0.189 * b, 0.349 * r + 0.686 * g + 0.168 * b, 0.272 * r + 0.534 * g + 0.131 * b];
    case "warm":
      return [r * 1.08 + 8, g * 1.02, b * 0.88];
    case "cool":
      return [r * 0.9, g * 1.0, b * 1.1 + 8];
    case "vivid": {
      const y = 0.299 * r + 0.587 * g + 0.114 * b;
      return [y + (r - y) * 1.45, y + (g - y) * 1.45, y + (b - y) * 1.45];
    }
    default:
      return [r, g, b];
  }
}

/** Changes RGBA pixels in place (alpha untouched). */
export function applyAdjustments(pixels: Uint8ClampedArray, adjustments: Adjustments): void {
  if (isUnadjusted(adjustments)) return;
  const brightness = 1 + adjustments.brightness / 100;
  const contrast = 1 + adjustments.contrast / 100;
  for (let i = 0; i < pixels.length; i += 4) {
    const [r, g, b] = applyLook(adjustments.look, pixels[i], pixels[i + 1], pixels[i + 2]);
    // Uint8ClampedArray rounds and clamps to 0..255 on assignment.
    pixels[i] = (r * brightness - 128) * contrast + 128;
    pixels[i + 1] = (g * brightness - 128) * contrast + 128;
    pixels[i + 2] = (b * brightness - 128) * contrast + 128;
  }
}
