/**
 * Requests Node's HTTP parser refuses before the app sees them (a URL and headers over 16 KiB,
 * unparsable HTTP, headers that do not arrive in time) answered as problem+json like every
 * other failure, instead of Node's bare status line.
 */
import type { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { ApiError, PROBLEM_CONTENT_TYPE, type ProblemKind, problemBody } from './problem';

interface Refusal {
  kind: ProblemKind;
  reason: string;
  detail: string;
}

function refusalOf(code: string | undefined): Refusal {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return {
      kind: 'request_too_large',
      reason: 'Request Header Fields Too Large',
      detail: 'The URL and headers together must not be larger than 16 KiB.',
    };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return {
      kind: 'request_timeout',
      reason: 'Request Timeout',
      detail: 'The request headers did not arrive in time.',
    };
  }
  return {
    kind: 'validation',
    reason: 'Bad Request',
    detail: 'The HTTP request could not be parsed.',
  };
}

/** The raw HTTP/1.1 response for a refused request; the connection is closed after it. */
export function clientErrorResponse(code: string | undefined): string {
  const { kind, reason, detail } = refusalOf(code);
  const error = new ApiError(kind, { detail });
  const body = JSON.stringify(problemBody(error, {}));
  return [
    `HTTP/1.1 ${error.status} ${reason}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** Makes `server` answer the requests its parser refuses with problem+json. */
export function answerClientErrors(server: EventEmitter): void {
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    // A connection the client already dropped has no one to answer.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    // Read on what the client still sends: closing with unread bytes would reset the connection
    // (RST) and the client could lose the answer before reading it.
    socket.resume();
    socket.end(clientErrorResponse(error.code));
    setTimeout(() => socket.destroy(), 5_000).unref();
  });
}
