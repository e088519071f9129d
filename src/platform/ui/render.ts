import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A whole page: preact renders elements only, so the doctype (standards mode) is added here. */
export function renderDocument(vnode: VNode): string {
  return `<!doctype html>${renderToString(vnode)}`;
}

/** A piece of a page for htmx to swap in; no doctype. */
export function renderFragment(vnode: VNode): string {
  return renderToString(vnode);
}

export function sendPage(reply: FastifyReply, vnode: VNode, status = 200): FastifyReply {
  // Pages show personal data: keep them out of shared and back/forward caches unless a route says otherwise.
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  return reply.status(status).type('text/html; charset=utf-8').send(renderDocument(vnode));
}

/** For htmx requests: answer with just the fragment the page asked to swap. */
export function sendFragment(reply: FastifyReply, vnode: VNode, status = 200): FastifyReply {
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  return reply.status(status).type('text/html; charset=utf-8').send(renderFragment(vnode));
}
