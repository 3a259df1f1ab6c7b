import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EnginePort } from '@petrel/server';
import { createEngine, parseDurationMillis, PetrelServer } from '@petrel/server';
import type { ServerArguments } from './cli-arguments.js';

interface EtcConfig {
  readonly server?: { readonly httpPort: number; readonly properties: ReadonlyMap<string, unknown>; readonly queryMaxMemoryBytes?: number | undefined; readonly webUiEnabled?: boolean };
  readonly node?: { readonly environment: string; readonly nodeId: string | undefined };
}

/** `petrel server`: one coordinator+worker node on port 8080 (or --port / http-server.http.port). */
export async function runServer(args: ServerArguments): Promise<number> {
  let config: EtcConfig = {};
  if (args.etcDir !== undefined) {
    if (!existsSync(args.etcDir)) {
      process.stderr.write(`Error: etc directory ${args.etcDir} does not exist\n`);
      return 1;
    }
    const engineModule = (await import('@petrel/engine')) as unknown as { loadEtcConfig?: (dir: string) => EtcConfig };
    if (engineModule.loadEtcConfig !== undefined) {
      try {
        config = engineModule.loadEtcConfig(args.etcDir);
      } catch (error) {
        process.stderr.write(`Error: invalid configuration: ${(error as Error).message}\n`);
        return 1;
      }
    } else if (existsSync(join(args.etcDir, 'config.properties'))) {
      process.stderr.write('Warning: this build cannot read config.properties yet; using defaults\n');
    }
  }
  const properties = config.server?.properties ?? new Map<string, unknown>();
  let engine: EnginePort;
  try {
    engine = await createEngine({
      ...(args.etcDir === undefined ? {} : { etcDir: args.etcDir }),
      ...(config.node?.nodeId === undefined ? {} : { nodeId: config.node.nodeId }),
      ...(config.node?.environment === undefined ? {} : { environment: config.node.environment }),
      ...(config.server?.queryMaxMemoryBytes === undefined ? {} : { queryMaxMemoryBytes: config.server.queryMaxMemoryBytes }),
    });
  } catch (error) {
    process.stderr.write(`Error: ${(error as Error).message}\n`);
    return 1;
  }
  const clientTimeout = properties.get('query.client.timeout');
  const grace = properties.get('shutdown.grace-period');
  const server = new PetrelServer({
    engine,
    port: args.port ?? config.server?.httpPort ?? 8080,
    ...(config.node?.environment === undefined ? {} : { environment: config.node.environment }),
    ...(config.node?.nodeId === undefined ? {} : { nodeId: config.node.nodeId }),
    ...(config.server?.webUiEnabled === undefined ? {} : { webUiEnabled: config.server.webUiEnabled }),
    queryManager: {
      ...(typeof clientTimeout === 'number' ? { clientTimeoutMillis: clientTimeout } : typeof clientTimeout === 'string' ? { clientTimeoutMillis: parseDurationMillis(clientTimeout) ?? 300_000 } : {}),
      ...(typeof properties.get('query.max-history') === 'number' ? { maxHistory: properties.get('query.max-history') as number } : {}),
    },
    ...(typeof grace === 'number' ? { shutdownGracePeriodMillis: grace } : {}),
    ...(typeof properties.get('sql.default-catalog') === 'string' ? { defaultCatalog: properties.get('sql.default-catalog') as string } : {}),
    ...(typeof properties.get('sql.default-schema') === 'string' ? { defaultSchema: properties.get('sql.default-schema') as string } : {}),
  });
  let port: number;
  try {
    port = await server.listen();
  } catch (error) {
    process.stderr.write(`Error: cannot listen on port ${args.port ?? config.server?.httpPort ?? 8080}: ${(error as Error).message}\n`);
    await engine.shutdown().catch(() => undefined);
    return 1;
  }
  server.log(`Petrel server listening on http://0.0.0.0:${port} (web UI: http://localhost:${port}/ui/)`);
  process.stderr.write('======== SERVER STARTED ========\n');
  return new Promise<number>((resolve) => {
    server.onShutdown = () => resolve(0);
    let signals = 0;
    const stop = (): void => {
      signals++;
      if (signals > 1) {
        process.stderr.write('Forced shutdown\n');
        resolve(1);
        return;
      }
      void server.shutdown();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}
