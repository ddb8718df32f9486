// Types of the stand-in Rancher API for the TypeScript tests.
import type { IncomingMessage, ServerResponse, Server } from 'node:http';

export interface RecordedWrite {
  method: string;
  path: string;
  body: any;
  resourceVersion?: string;
  conflict?: boolean;
  unknown?: boolean;
}

export class RancherApi {
  constructor(opts?: { log?: (msg: string) => void });
  writes: RecordedWrite[];
  unknown: string[];
  store: Map<string, Map<string, any>>;
  reset(): void;
  setSetting(id: string, value: string): any;
  setPreference(key: string, value: unknown): any;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  attachWebsockets(server: Server): void;
  listen(port?: number, host?: string): Promise<string>;
  /** ends the dashboard's websocket subscriptions */
  closeSockets(): void;
  close(): Promise<void>;
}
