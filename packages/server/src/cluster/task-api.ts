import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TaskManager, TaskUpdateRequest } from '@petrel/engine';
import { BUFFER_COMPLETE_HEADER, decodePlanJson, encodePagesBody, PAGE_NEXT_TOKEN_HEADER, PAGE_TOKEN_HEADER, PAGES_CONTENT_TYPE } from '@petrel/engine';
import { toTrinoError } from '@petrel/spi';
import { parseDataSizeBytes, parseDurationMillis } from '../http/units.js';

const MAX_WAIT_CAP_MILLIS = 2000;

function send(response: ServerResponse, status: number, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, { 'Content-Type': typeof body === 'string' && (body.startsWith('{') || body.startsWith('[')) ? 'application/json' : 'text/plain; charset=utf-8', ...headers });
  response.end(body);
}

/**
 * The task resource on every node of a cluster (Trino's `/v1/task`): the coordinator creates tasks
 * with a fragment, consumers read output buffers by token.
 *
 * - `GET /v1/task` -> every TaskStatus of this node
 * - `POST /v1/task/{taskId}`: create (body: TaskUpdateRequest, plan codec JSON) -> TaskStatus
 * - `GET /v1/task/{taskId}` -> TaskStatus; `DELETE /v1/task/{taskId}?abort=true|false`
 * - `GET /v1/task/{taskId}/results/{bufferId}/{token}` -> pages (binary), headers for the next token and completion
 * - `GET /v1/task/{taskId}/results/{bufferId}/{token}/acknowledge`; `DELETE /v1/task/{taskId}/results/{bufferId}`
 */
export class TaskApi {
  constructor(private readonly tasks: TaskManager) {}

  /** Handles a `/v1/task` request; `readBody` reads the request body as text. */
  async handle(method: string, path: string, url: URL, request: IncomingMessage, response: ServerResponse, readBody: () => Promise<string>): Promise<void> {
    if (path === '/v1/task') return method === 'GET' ? send(response, 200, JSON.stringify(this.tasks.list())) : send(response, 405, 'Method not allowed');
    const match = /^\/v1\/task\/([^/]+)(?:\/results\/(\d+)(?:\/(\d+)(\/acknowledge)?)?)?$/.exec(path);
    if (match === null) return send(response, 404, `Not found: ${path}`);
    let taskId: string;
    try {
      taskId = decodeURIComponent(match[1]!);
    } catch {
      return send(response, 400, 'Invalid task id');
    }
    const bufferText = match[2];
    const tokenText = match[3];
    if (bufferText === undefined) {
      if (method === 'POST') {
        let update: TaskUpdateRequest;
        try {
          update = decodePlanJson<TaskUpdateRequest>(await readBody());
        } catch (error) {
          return send(response, 400, `Invalid task update: ${(error as Error).message}`);
        }
        if (typeof update !== 'object' || update === null || update.fragment?.root === undefined || update.outputBuffers === undefined || update.session === undefined) {
          return send(response, 400, 'Invalid task update: needs queryId, session, fragment, outputBuffers and sources');
        }
        try {
          return send(response, 200, JSON.stringify(this.tasks.createOrUpdate(taskId, update)));
        } catch (error) {
          const failure = toTrinoError(error);
          return send(response, 400, `Invalid task update: ${failure.message}`);
        }
      }
      if (!this.tasks.has(taskId)) return send(response, 404, `Unknown task ${taskId}`);
      if (method === 'GET') return send(response, 200, JSON.stringify(this.tasks.get(taskId).status()));
      if (method === 'DELETE') return send(response, 200, JSON.stringify(this.tasks.cancel(taskId, url.searchParams.get('abort') !== 'false')));
      return send(response, 405, 'Method not allowed');
    }
    if (!this.tasks.has(taskId)) return send(response, 404, `Unknown task ${taskId}`);
    const task = this.tasks.get(taskId);
    const bufferId = Number(bufferText);
    try {
      if (tokenText === undefined) {
        if (method !== 'DELETE') return send(response, 405, 'Method not allowed');
        task.buffer.destroy(bufferId);
        task.checkFlushed();
        return send(response, 204, '');
      }
      const token = Number(tokenText);
      if (match[4] !== undefined) {
        task.buffer.acknowledge(bufferId, token);
        task.checkFlushed();
        return send(response, 204, '');
      }
      if (method !== 'GET') return send(response, 405, 'Method not allowed');
      const maxSize = parseDataSizeBytes(String(request.headers['x-trino-max-size'] ?? '1MB')) ?? 1024 * 1024;
      const maxWait = Math.min(MAX_WAIT_CAP_MILLIS, parseDurationMillis(String(request.headers['x-trino-max-wait'] ?? '1s')) ?? 1000);
      const result = await task.buffer.get(bufferId, token, maxSize, maxWait);
      task.checkFlushed();
      return send(response, 200, encodePagesBody(result.pages), {
        'Content-Type': PAGES_CONTENT_TYPE,
        [PAGE_TOKEN_HEADER]: String(result.token),
        [PAGE_NEXT_TOKEN_HEADER]: String(result.nextToken),
        [BUFFER_COMPLETE_HEADER]: String(result.complete),
      });
    } catch (error) {
      const failure = toTrinoError(error);
      return send(response, 500, `${failure.errorCode.name}: ${failure.message}`);
    }
  }
}
