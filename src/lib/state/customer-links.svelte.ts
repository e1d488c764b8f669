/**
 * The "Links" list on a quote's or invoice's detail: the document's customer links as the
 * relay records them (minted when, by whom, expires, status) and revoking one or all. The
 * register lives on the server only, so offline the list says it needs the server and every
 * other part of the page keeps working; nothing is queued.
 */
import { isApiRequestError } from '../api/api-error';
import { formFailureOf } from '../api/form-failure';
import { linkApi, type LinkApi } from '../api/link-api';
import type { LinkKind, LinkSummary, RevokeLinkRequest } from '../domain/quotes/document-link';
import { authorized } from './authorized';

export type LinkListPhase = 'loading' | 'ready' | 'needs-server' | 'failed';

export const NEEDS_SERVER = 'The list of links needs the server: connect to the internet to see and revoke this document’s links.';

/** Runs a signed-in request (the session's token, refreshed once when expired). */
export type Authorized = <T>(call: (token: string) => Promise<T>) => Promise<T>;

export class CustomerLinkList {
  links = $state.raw<LinkSummary[]>([]);
  phase = $state<LinkListPhase>('loading');
  /** Why the list could not be loaded, or why the last revocation failed. */
  message = $state<string | null>(null);
  busy = $state(false);

  constructor(
    readonly kind: LinkKind,
    readonly id: string,
    private readonly api: LinkApi = linkApi,
    private readonly signedIn: Authorized = authorized
  ) {}

  get activeCount(): number {
    return this.links.filter((link) => link.status === 'active').length;
  }

  async load(): Promise<void> {
    try {
      this.links = await this.signedIn((token) => this.api.list(token, this.kind, this.id));
      this.phase = 'ready';
      this.message = null;
    } catch (error) {
      this.phase = needsServer(error) ? 'needs-server' : 'failed';
      this.message = this.phase === 'needs-server' ? NEEDS_SERVER : formFailureOf(error).message;
    }
  }

  /** Revokes one link; an error sentence or null. */
  revoke(linkId: string): Promise<string | null> {
    return this.#revoke({ linkId });
  }

  /** Revokes every link of the document; an error sentence or null. */
  revokeAll(): Promise<string | null> {
    return this.#revoke({ kind: this.kind, id: this.id, all: true });
  }

  async #revoke(request: RevokeLinkRequest): Promise<string | null> {
    if (this.busy) return null;
    this.busy = true;
    try {
      this.links = (await this.signedIn((token) => this.api.revoke(token, request))).links;
      this.phase = 'ready';
      this.message = null;
    } catch (error) {
      this.message = needsServer(error) ? NEEDS_SERVER : formFailureOf(error).message;
    } finally {
      this.busy = false;
    }
    return this.message;
  }
}

function needsServer(error: unknown): boolean {
  return isApiRequestError(error) && (error.kind === 'offline' || error.kind === 'network' || error.kind === 'timeout');
}
