export interface CatalogOptions {
  /** Where uploaded files live (`MEDIA_DIR`, default `<DATA_DIR>/media`). */
  mediaDir: string;
  /** Largest accepted upload, bytes. */
  maxUploadBytes: number;
}

export const CATALOG_OPTIONS = Symbol('CATALOG_OPTIONS');
