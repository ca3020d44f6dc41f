// The professional's licence document (PUT/GET /api/account/licence-document) as TanStack Query
// hooks. The upload goes through XMLHttpRequest rather than fetch, because only it reports upload
// progress; its failures become the same ApiError every other request gives.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, getJson, malformedResponse } from '../../ui/api-client.ts';
import { isObject } from '../../ui/json-shape.ts';
import { sessionQueryKey } from './api.ts';
import type { SessionInfo } from './session.ts';

export interface LicenceDocument {
  fileName: string;
  contentType: 'application/pdf' | 'image/png' | 'image/jpeg';
  size: number;
  uploadedAt: string;
}

export const licenceDocumentTypes = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const MAX_LICENCE_DOCUMENT_BYTES = 5 * 1024 * 1024;

export function isLicenceDocument(value: unknown): value is LicenceDocument {
  return (
    isObject(value) &&
    typeof value['fileName'] === 'string' &&
    typeof value['contentType'] === 'string' &&
    (licenceDocumentTypes as readonly string[]).includes(value['contentType']) &&
    typeof value['size'] === 'number' &&
    typeof value['uploadedAt'] === 'string'
  );
}

/** "2.4 MB", "380 KB", "912 bytes". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const licenceDocumentKey = ['account', 'licence-document'] as const;

/** The document uploaded so far, or null when there is none yet. */
export function useOwnLicenceDocument() {
  return useQuery({
    queryKey: licenceDocumentKey,
    queryFn: async ({ signal }) => {
      try {
        const body = await getJson('/api/account/licence-document', { signal });
        if (!isLicenceDocument(body)) throw malformedResponse('licence document');
        return body;
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

function problemOf(request: XMLHttpRequest): ApiError {
  if (request.status === 0) {
    return new ApiError(0, 'Network error', 'Could not reach the MedConnect server. Check your connection and try again.');
  }
  let body: unknown;
  try {
    body = JSON.parse(request.responseText);
  } catch {
    body = undefined;
  }
  const title = isObject(body) && typeof body['title'] === 'string' ? body['title'] : 'Upload failed';
  const detail =
    isObject(body) && typeof body['detail'] === 'string'
      ? body['detail']
      : request.status === 413
        ? 'The file is larger than 5 MB.'
        : 'The document could not be uploaded. Please try again.';
  return new ApiError(request.status, title, detail);
}

function uploadFile(file: File, csrfToken: string | undefined, onProgress: (fraction: number) => void) {
  return new Promise<LicenceDocument>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', '/api/account/licence-document');
    request.setRequestHeader('content-type', file.type);
    request.setRequestHeader('accept', 'application/json, application/problem+json');
    request.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    if (csrfToken !== undefined) request.setRequestHeader('x-csrf-token', csrfToken);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(problemOf(request));
    request.onload = () => {
      if (request.status !== 200) return reject(problemOf(request));
      let body: unknown;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = undefined;
      }
      if (isLicenceDocument(body)) resolve(body);
      else reject(malformedResponse('licence document upload'));
    };
    request.send(file);
  });
}

export function useUploadLicenceDocument(onProgress: (fraction: number) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      uploadFile(file, queryClient.getQueryData<SessionInfo | null>(sessionQueryKey)?.csrfToken, onProgress),
    onSuccess: (document) => queryClient.setQueryData(licenceDocumentKey, document),
  });
}
