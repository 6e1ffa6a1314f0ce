import { Injectable, inject } from '@angular/core';
import { AuthService } from '@tc/identity/web';
import type { OrganisationList, OrganisationLog } from '@tc/shared/contracts';
import { FieldworkApiService } from '../data-access/fieldwork-api.service';
import { FIELD_STORE, copyKey } from './field-store';
import { emptyLog } from './field-writes';
import { isUnreachable, type Loaded } from './kept-copies';
import { firstValueFrom } from 'rxjs';

/**
 * One organisation's log as the server last gave it, read again when the link allows and kept on
 * the device for the signed-in person. Without a copy of the log itself (opened offline for the first
 * time), the organisation's card from the kept list stands for it, with empty lists.
 */
@Injectable({ providedIn: 'root' })
export class FieldLogService {
  private readonly api = inject(FieldworkApiService);
  private readonly store = inject(FIELD_STORE);
  private readonly auth = inject(AuthService);

  /** Null when neither the server nor the device knows it (a record written here and not sent yet). */
  async log(id: string): Promise<Loaded<OrganisationLog> | null> {
    const user = this.auth.me()?.id ?? null;
    try {
      const value = await firstValueFrom(this.api.log(id));
      if (user) void this.store.keep(user, copyKey('log', id), value).catch(() => undefined);
      return { value, savedAt: null };
    } catch (error: unknown) {
      if (!user) throw error;
      const unreachable = isUnreachable(error);
      const status = (error as { status?: number }).status;
      // Offline, or not on the server yet (404 for what this device registered and has not sent).
      if (!unreachable && status !== 404) throw error;
      const kept = unreachable
        ? await this.store.read<OrganisationLog>(user, copyKey('log', id)).catch(() => null)
        : null;
      if (kept) return kept;
      const list = await this.store
        .read<OrganisationList>(user, copyKey('organisations', 'mine'))
        .catch(() => null);
      const card = list?.value.items.find((o) => o.id === id);
      if (card) return { value: emptyLog(card), savedAt: list?.savedAt ?? null };
      if (status === 404) return null;
      return null;
    }
  }
}
