/**
 * Customer links over HTTP (contract: domain/quotes/document-link.ts): the office mints, lists
 * and revokes them (signed in), the public pages read and answer one (no account).
 */
import {
  answerResponseSchema,
  LINK_REVOKE_PATH,
  linkDocumentSchema,
  linkListResponseSchema,
  LINKS_API_PATH,
  mintLinkResponseSchema,
  publicLinkPath,
  revokeLinkResponseSchema,
  type AnswerResponse,
  type LinkDocument,
  type LinkKind,
  type LinkSummary,
  type RevokeLinkRequest
} from '../domain/quotes/document-link';
import { ApiClient } from './api-client';

export class LinkApi {
  constructor(private readonly client: ApiClient = new ApiClient()) {}

  mint(token: string, kind: LinkKind, id: string): Promise<{ token: string; path: string; expiresAt: string }> {
    return this.client.request('POST', LINKS_API_PATH, mintLinkResponseSchema, { token, body: { kind, id } });
  }

  /** The document's links, newest first, with their status by the server's clock. */
  async list(token: string, kind: LinkKind, id: string): Promise<LinkSummary[]> {
    const query = new URLSearchParams({ kind, id });
    return (await this.client.request('GET', `${LINKS_API_PATH}?${query}`, linkListResponseSchema, { token })).links;
  }

  /** Revokes one link or all of a document; answers with the document's links afterwards. */
  revoke(token: string, body: RevokeLinkRequest): Promise<{ revoked: number; links: LinkSummary[] }> {
    return this.client.request('POST', LINK_REVOKE_PATH, revokeLinkResponseSchema, { token, body });
  }

  document(kind: LinkKind, token: string): Promise<LinkDocument> {
    return this.client.request('GET', publicLinkPath(kind, token), linkDocumentSchema);
  }

  accept(token: string, body: { name: string; optionId: string; signaturePng: string }): Promise<AnswerResponse> {
    return this.client.request('POST', publicLinkPath('quote', token, 'accept'), answerResponseSchema, { body });
  }

  decline(token: string, body: { name: string; reason: string }): Promise<AnswerResponse> {
    return this.client.request('POST', publicLinkPath('quote', token, 'decline'), answerResponseSchema, { body });
  }
}

export const linkApi = new LinkApi();
