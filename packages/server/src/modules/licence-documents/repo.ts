// The licence-document queries, in the transaction the caller runs: one row per professional,
// replaced by a new upload.
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { licenceDocuments } from '../../db/schema.ts';
import type { LicenceMediaType } from './file-type.ts';
import type { LicenceDocumentMetadata } from './schemas.ts';

export type StoredDocument = {
  userId: string;
  fileName: string;
  contentType: LicenceMediaType;
  size: number;
  sha256: string;
  /** The file sealed under the master key. */
  content: Uint8Array;
};

export const metadataColumns = {
  fileName: licenceDocuments.fileName,
  contentType: licenceDocuments.contentType,
  size: licenceDocuments.size,
  uploadedAt: licenceDocuments.uploadedAt,
};

export type MetadataRow = { fileName: string; contentType: string; size: number; uploadedAt: Date };

export const toMetadata = (row: MetadataRow): LicenceDocumentMetadata => ({
  fileName: row.fileName,
  // Only the accepted media types are ever stored (the upload route refuses the rest).
  contentType: row.contentType as LicenceDocumentMetadata['contentType'],
  size: row.size,
  uploadedAt: row.uploadedAt.toISOString(),
});

/** Stores the document, replacing the one before; answers when it was stored (the database clock). */
export async function saveDocument(tx: Executor, document: StoredDocument): Promise<Date> {
  const [row] = await tx
    .insert(licenceDocuments)
    .values(document)
    .onConflictDoUpdate({
      target: licenceDocuments.userId,
      set: {
        fileName: document.fileName,
        contentType: document.contentType,
        size: document.size,
        sha256: document.sha256,
        content: document.content,
        uploadedAt: sql`now()`,
      },
    })
    .returning({ uploadedAt: licenceDocuments.uploadedAt });
  return row!.uploadedAt;
}

export async function documentMetadata(db: Executor, userId: string): Promise<MetadataRow | undefined> {
  const [row] = await db.select(metadataColumns).from(licenceDocuments).where(eq(licenceDocuments.userId, userId));
  return row;
}

export async function sealedDocument(
  db: Executor,
  userId: string,
): Promise<(MetadataRow & { content: Uint8Array; sha256: string }) | undefined> {
  const [row] = await db
    .select({ ...metadataColumns, sha256: licenceDocuments.sha256, content: licenceDocuments.content })
    .from(licenceDocuments)
    .where(eq(licenceDocuments.userId, userId));
  return row;
}
