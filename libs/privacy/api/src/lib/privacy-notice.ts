import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { Locale, PrivacyInfo } from '@tc/shared/contracts';
import { PRIVACY_OPTIONS, type PrivacyOptions } from './privacy.options';

/** The longest notice read from the operator's folder (a page of text, not a book). */
const NOTICE_MAX_BYTES = 256 * 1024;

/**
 * The privacy notice as this deployment says it. The web app ships a default text per language; an
 * operator who must say more (another controller, another retention) writes `<lang>.md` files in
 * PRIVACY_NOTICE_DIR, read at each request so that a change needs no restart. A language without a
 * file there falls back to the app's text.
 */
@Injectable()
export class PrivacyNotice {
  constructor(@Inject(PRIVACY_OPTIONS) private readonly options: PrivacyOptions) {}

  async read(lang: Locale): Promise<PrivacyInfo> {
    return {
      contact: this.options.contact,
      observatoryK: this.options.observatoryK,
      exportDays: this.options.exportDays,
      notice: await this.operatorText(lang),
    };
  }

  private async operatorText(lang: Locale): Promise<string | null> {
    if (!this.options.noticeDir) return null;
    try {
      const text = await readFile(join(this.options.noticeDir, `${lang}.md`), 'utf8');
      return text.length > NOTICE_MAX_BYTES ? text.slice(0, NOTICE_MAX_BYTES) : text;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}
