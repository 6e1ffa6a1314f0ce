import type { ResponsiveImage } from '@tc/shared/contracts';

/** The widths resized variants are made at (`/media/<hash>?w=640`); nothing else is accepted. */
export const VARIANT_WIDTHS = [320, 640, 960, 1280] as const;
export type VariantWidth = (typeof VARIANT_WIDTHS)[number];

/** The variant a page asks for first (`src`): what a phone at 1–1.5× needs for a full-width image. */
export const DEFAULT_WIDTH: VariantWidth = 640;

/**
 * The width a lesson image is shown at, for the browser to pick the smallest candidate that covers it
 * at its pixel ratio: the reading column (`.tc-medium`, 40rem) where it fits, else the screen less the
 * page's padding (1rem each side) and, from 45rem (720px) on, less the navigation beside the page
 * (14rem; apps/web's app.scss). Saying `100vw` on a phone overstated it by the padding, enough to
 * tip a 1.75x phone from the 640 px variant to the 960 px one.
 */
export const LESSON_IMAGE_SIZES =
  '(min-width: 56rem) 40rem, (min-width: 45rem) calc(100vw - 16rem), (min-width: 42rem) 40rem, calc(100vw - 2rem)';

/** What the renderer needs to know of one stored raster image. */
export interface ImageInfo {
  /** Displayed size of the original (EXIF orientation applied). */
  width: number;
  height: number;
  /** Bytes of the `src` variant as a WebP-capable browser receives it (the data-saver button says so). */
  bytes: number;
}

/** Image facts by media hash; `undefined` for a hash that is not a stored raster image. */
export type ImageLookup = (hash: string) => ImageInfo | undefined;

export function mediaUrl(hash: string): string {
  return `/api/v1/media/${hash}`;
}

/** The variant widths worth making for an image `width` pixels wide (never an upscale). */
export function variantWidths(width: number): VariantWidth[] {
  return VARIANT_WIDTHS.filter((w) => w < width);
}

/** `src`, `srcset`, `sizes` and intrinsic size for one of our images. */
export function responsiveImage(hash: string, info: ImageInfo): ResponsiveImage {
  const base = mediaUrl(hash);
  const widths = variantWidths(info.width);
  const candidates = [...widths.map((w) => `${base}?w=${w} ${w}w`), `${base} ${info.width}w`];
  // A smaller original is its own phone size.
  return {
    src: widths.includes(DEFAULT_WIDTH) ? `${base}?w=${DEFAULT_WIDTH}` : base,
    srcset: candidates.join(', '),
    sizes: LESSON_IMAGE_SIZES,
    width: info.width,
    height: info.height,
    bytes: info.bytes,
  };
}

/** Every media hash a piece of markdown (or anything else) points at through our media URL. */
export function mediaHashesIn(text: string): string[] {
  return [...text.matchAll(/\/api\/v1\/media\/([0-9a-f]{64})/g)].map((m) => m[1] as string);
}
