// A professional's licence document: uploaded by the professional for the registrar's review, sealed
// under the master key before it reaches the database, and opened only for a registrar. Uploads and
// registrar views are audited (no patient involved).
import { createHash } from 'node:crypto';
import { Invalid, NotFound } from '@medconnect/core';
import type { Database } from '../../db/client.ts';
import type { Sealer } from '../../platform.ts';
import type { Actor } from '../../repository/actor.ts';
import { appendAudit } from '../../repository/audit-log.ts';
import type { RequestMeta } from '../accounts/deps.ts';
import type { UserRow } from '../accounts/repo.ts';
import { matchesType, sanitiseFileName, typeLabel, type LicenceMediaType } from './file-type.ts';
import { documentMetadata, saveDocument, sealedDocument, toMetadata } from './repo.ts';
import type { LicenceDocumentMetadata } from './schemas.ts';

export const licenceDocumentContext = (userId: string) => `licence-document:${userId}`;

export type Upload = { bytes: Uint8Array; contentType: LicenceMediaType; fileName: string | undefined };
export type OpenedDocument = LicenceDocumentMetadata & { bytes: Uint8Array };

export function createLicenceDocuments({ db, sealer }: { db: Database; sealer: Sealer }) {
  return {
    /**
     * Stores the professional's document, replacing any earlier one. Allowed in every review status:
     * a verified or suspended professional may have a renewed licence to show the registrar, and the
     * status is the registrar's decision alone, so an upload never changes it.
     */
    async upload(user: UserRow, upload: Upload, meta: RequestMeta): Promise<LicenceDocumentMetadata> {
      if (upload.bytes.length === 0) throw new Invalid('The file is empty.');
      if (!matchesType(upload.bytes, upload.contentType)) {
        throw new Invalid(`The file is not a ${typeLabel(upload.contentType)}.`);
      }
      const fileName = sanitiseFileName(upload.fileName, upload.contentType);
      // Hashing and sealing happen before the transaction opens: it only writes.
      const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
      const content = sealer.seal(upload.bytes, licenceDocumentContext(user.id));
      const actor: Actor = { id: user.id, role: user.role, purpose: 'licence-verification', sourceIp: meta.ip };
      const uploadedAt = await db.transaction(async (tx) => {
        const at = await saveDocument(tx, {
          userId: user.id,
          fileName,
          contentType: upload.contentType,
          size: upload.bytes.length,
          sha256,
          content,
        });
        await appendAudit(tx, actor, [
          { action: 'licence-document-upload', outcome: 'success', entityType: 'professional', entityId: user.id },
        ]);
        return at;
      });
      return { fileName, contentType: upload.contentType, size: upload.bytes.length, uploadedAt: uploadedAt.toISOString() };
    },

    /** The signed-in person's own document, without its content. */
    async own(userId: string): Promise<LicenceDocumentMetadata> {
      const row = await documentMetadata(db, userId);
      if (!row) throw new NotFound('You have not uploaded a licence document.');
      return toMetadata(row);
    },

    /** The document itself, for a registrar reviewing the professional; the view is audited. */
    async openForReview(registrar: UserRow, userId: string, meta: RequestMeta): Promise<OpenedDocument> {
      const row = await sealedDocument(db, userId);
      if (!row) throw new NotFound('No licence document for that professional.');
      const bytes = sealer.open(row.content, licenceDocumentContext(userId));
      const actor: Actor = { id: registrar.id, role: 'registrar', purpose: 'licence-review', sourceIp: meta.ip };
      await db.transaction((tx) =>
        appendAudit(tx, actor, [
          { action: 'licence-document-view', outcome: 'success', entityType: 'professional', entityId: userId },
        ]),
      );
      return { ...toMetadata(row), bytes };
    },
  };
}

export type LicenceDocuments = ReturnType<typeof createLicenceDocuments>;
