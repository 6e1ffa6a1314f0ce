import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActionTokenPurpose } from '@tc/shared/contracts';

/** A link just used, inside the transaction that used it. */
export interface AcceptedLink {
  tokenId: string;
  userId: string;
  purpose: ActionTokenPurpose;
}

export type LinkAcceptedListener = (manager: EntityManager, link: AcceptedLink) => Promise<void>;

/**
 * Lets another domain act when a link is used, in the same transaction (cohorts enrol the person an
 * invitation was for). Identity knows nothing of what listens; a listener that throws undoes the use.
 */
@Injectable()
export class LinkAcceptance {
  private readonly listeners: LinkAcceptedListener[] = [];

  onAccepted(listener: LinkAcceptedListener): void {
    this.listeners.push(listener);
  }

  async accepted(manager: EntityManager, link: AcceptedLink): Promise<void> {
    // One at a time: the embedded database has a single connection.
    for (const listener of this.listeners) await listener(manager, link);
  }
}
