/**
 * Customer links over HTTP (contract: domain/quotes/document-link.ts): the office mints one
 * (signed in), the public pages read and answer one (no account).
 */
import { answerResponseSchema, LINKS_API_PATH, linkDocumentSchema, mintLinkResponseSchema, publicLinkPath, type AnswerResponse, type LinkDocument, type LinkKind } from '../domain/quotes/document-link';
import { ApiClient } from './api-client';

export class LinkApi {
  constructor(private readonly client: ApiClient = new ApiClient()) {}

  mint(token: string, kind: LinkKind, id: string): Promise<{ token: string; path: string; expiresAt: string }> {
    return this.client.request('POST', LINKS_API_PATH, mintLinkResponseSchema, { token, body: { kind, id } });
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
