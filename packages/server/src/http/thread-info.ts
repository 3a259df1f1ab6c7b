/**
 * `/v1/thread`: the threads of this node with their JavaScript stacks, from Node's diagnostic
 * report (`process.report`): the main thread (the event loop) and every worker thread.
 */
export interface StackFrame {
  readonly file: string | null;
  readonly line: number;
  readonly className: string | null;
  readonly method: string;
}

export interface ThreadInfo {
  readonly id: number;
  readonly name: string;
  readonly state: 'RUNNABLE';
  readonly lockOwnerId: null;
  readonly stackTrace: readonly StackFrame[];
}

interface ReportSection {
  readonly header?: { readonly threadId?: number };
  readonly javascriptStack?: { readonly stack?: readonly string[] };
  readonly workers?: readonly ReportSection[];
}

/** Parses a V8 stack line such as `at run (file:///x/y.js:10:5)` or `at file:///x/y.js:3:1`. */
export function parseStackFrame(text: string): StackFrame {
  const line = text.trim().replace(/^at\s+/, '');
  const withMethod = /^(.*?)\s+\((.*):(\d+):\d+\)$/.exec(line);
  if (withMethod !== null) {
    const qualified = withMethod[1]!;
    const dot = qualified.lastIndexOf('.');
    return {
      file: withMethod[2]!,
      line: Number(withMethod[3]),
      className: dot > 0 ? qualified.slice(0, dot) : null,
      method: dot > 0 ? qualified.slice(dot + 1) : qualified,
    };
  }
  const bare = /^(.*):(\d+):\d+$/.exec(line);
  if (bare !== null) return { file: bare[1]!, line: Number(bare[2]), className: null, method: '<anonymous>' };
  return { file: null, line: -1, className: null, method: line };
}

function threadOf(section: ReportSection, fallbackId: number, name: string): ThreadInfo {
  return {
    id: section.header?.threadId ?? fallbackId,
    name,
    state: 'RUNNABLE',
    lockOwnerId: null,
    stackTrace: (section.javascriptStack?.stack ?? []).map(parseStackFrame),
  };
}

export function threadInfos(): ThreadInfo[] {
  const report = process.report.getReport() as ReportSection;
  const workers = report.workers ?? [];
  return [threadOf(report, 0, 'main'), ...workers.map((w, i) => threadOf(w, i + 1, `worker-${w.header?.threadId ?? i + 1}`))];
}
