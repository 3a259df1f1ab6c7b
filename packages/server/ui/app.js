// Petrel web UI: plain JavaScript, polling the REST API only.
'use strict';

const POLL_MILLIS = 1000;

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child ?? '')));
  return node;
}

function formatCount(value) {
  const units = ['', 'K', 'M', 'B', 'T'];
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit++; }
  return (unit === 0 ? Math.round(value) : value.toFixed(value < 10 ? 2 : 1)) + units[unit];
}

function formatBytes(value) {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit++; }
  return (unit === 0 ? Math.round(value) : value.toFixed(value < 10 ? 2 : 1)) + units[unit];
}

function formatMillis(millis) {
  if (millis == null) return '';
  if (millis < 1000) return `${Math.round(millis)}ms`;
  if (millis < 60000) return `${(millis / 1000).toFixed(2)}s`;
  return `${(millis / 60000).toFixed(2)}m`;
}

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

async function killQuery(queryId) {
  await fetch(`/v1/query/${encodeURIComponent(queryId)}/killed`, { method: 'PUT', body: 'Killed via web UI' });
}

function stateBadge(state) {
  return el('span', { class: `badge state-${state}` }, state);
}

function isRunning(state) {
  return !['FINISHED', 'FAILED'].includes(state);
}

// ---------- overview page ----------
let previousStats;

async function refreshOverview() {
  try {
    const [stats, queries] = await Promise.all([getJson('/ui/api/stats'), getJson('/v1/query')]);
    const now = Date.now();
    document.getElementById('cluster-environment').textContent = stats.environment;
    const state = document.getElementById('cluster-state');
    state.textContent = stats.state;
    state.className = `badge state-${stats.state}`;
    document.getElementById('cluster-uptime').textContent = `up ${stats.uptime} · version ${stats.nodeVersion}`;
    document.getElementById('stat-running').textContent = stats.runningQueries;
    document.getElementById('stat-queued').textContent = stats.queuedQueries;
    document.getElementById('stat-blocked').textContent = stats.blockedQueries;
    document.getElementById('stat-workers').textContent = stats.activeWorkers;
    document.getElementById('stat-memory').textContent = formatBytes(stats.reservedMemory);
    document.getElementById('stat-processors').textContent = stats.totalAvailableProcessors;
    if (previousStats !== undefined) {
      const seconds = Math.max(0.001, (now - previousStats.time) / 1000);
      document.getElementById('stat-rows-rate').textContent = formatCount(Math.max(0, stats.totalInputRows - previousStats.rows) / seconds);
      document.getElementById('stat-bytes-rate').textContent = formatBytes(Math.max(0, stats.totalInputBytes - previousStats.bytes) / seconds);
    }
    previousStats = { time: now, rows: stats.totalInputRows, bytes: stats.totalInputBytes };
    renderQueryList(queries);
  } catch (error) {
    document.getElementById('cluster-state').textContent = 'UNREACHABLE';
  }
}

function stateGroup(state) {
  if (state === 'FINISHED' || state === 'FAILED') return state;
  if (state === 'RUNNING' || state === 'FINISHING') return 'RUNNING';
  return 'QUEUED';
}

function renderQueryList(queries) {
  const form = document.getElementById('filters');
  const states = new Set([...form.querySelectorAll('input[name=state]:checked')].map((input) => input.value));
  const user = document.getElementById('filter-user').value.trim().toLowerCase();
  const text = document.getElementById('filter-text').value.trim().toLowerCase();
  const rows = queries
    .filter((q) => states.has(stateGroup(q.state)))
    .filter((q) => user === '' || q.session.user.toLowerCase().includes(user))
    .filter((q) => text === '' || `${q.queryId} ${q.query} ${q.session.source ?? ''}`.toLowerCase().includes(text))
    .sort((a, b) => (b.queryStats.createTime < a.queryStats.createTime ? -1 : 1));
  const body = document.getElementById('query-list');
  body.replaceChildren();
  if (rows.length === 0) {
    body.append(el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'No queries')));
    return;
  }
  for (const q of rows) {
    const kill = isRunning(q.state)
      ? el('button', { class: 'danger', 'data-kill': q.queryId, onclick: () => killQuery(q.queryId).then(refreshOverview) }, 'Kill')
      : '';
    body.append(
      el(
        'tr',
        { 'data-query-id': q.queryId },
        el('td', { class: 'mono' }, el('a', { href: `/ui/query.html?${q.queryId}` }, q.queryId)),
        el('td', {}, stateBadge(q.state), q.errorCode ? el('div', { class: 'muted' }, q.errorCode.name) : ''),
        el('td', {}, q.session.user),
        el('td', {}, q.session.source ?? ''),
        el('td', {}, q.queryStats.elapsedTime),
        el('td', {}, formatCount(q.queryStats.processedInputPositions)),
        el('td', { class: 'sql-cell', title: q.query }, q.query),
        el('td', {}, kill),
      ),
    );
  }
}

// ---------- query page ----------
let planDrawn = false;

async function refreshQuery() {
  const queryId = decodeURIComponent(location.search.slice(1));
  document.getElementById('query-id').textContent = queryId;
  let info;
  try {
    info = await getJson(`/v1/query/${encodeURIComponent(queryId)}`);
  } catch (error) {
    const box = document.getElementById('query-error');
    box.hidden = false;
    box.textContent = `Query ${queryId} not found`;
    return;
  }
  const state = document.getElementById('query-state');
  state.textContent = info.state;
  state.className = `badge state-${info.state}`;
  const kill = document.getElementById('kill-button');
  kill.hidden = !isRunning(info.state);
  kill.onclick = () => killQuery(queryId).then(refreshQuery);
  document.getElementById('query-sql').textContent = info.query;
  const session = info.session;
  fillTable('query-session', [
    ['User', session.user],
    ['Source', session.source ?? ''],
    ['Catalog', session.catalog ?? ''],
    ['Schema', session.schema ?? ''],
    ['Time zone', session.timeZone],
    ['Client tags', (session.clientTags ?? []).join(', ')],
    ['Session properties', Object.entries(session.systemProperties ?? {}).map(([k, v]) => `${k}=${v}`).join(', ')],
  ]);
  const stats = info.queryStats;
  fillTable('query-timings', [
    ['Created', stats.createTime],
    ['Ended', stats.endTime ?? ''],
    ['Elapsed', stats.elapsedTime],
    ['Queued', stats.queuedTime],
    ['Planning', stats.planningTime],
    ['Execution', stats.executionTime],
    ['CPU', stats.totalCpuTime],
    ['Splits', `${stats.completedDrivers} / ${stats.totalDrivers} (${Math.round(stats.progressPercentage)}%)`],
    ['Input', `${formatCount(stats.processedInputPositions)} rows, ${stats.processedInputDataSize}`],
    ['Output', `${formatCount(stats.outputPositions)} rows, ${stats.outputDataSize}`],
    ['Peak memory', stats.peakUserMemoryReservation],
  ]);
  const errorBox = document.getElementById('query-error');
  if (info.errorCode) {
    errorBox.hidden = false;
    errorBox.textContent = `${info.errorCode.name} (${info.errorType}): ${info.errorMessage ?? ''}`;
  } else errorBox.hidden = true;
  renderOperators(info.operatorStats ?? []);
  if (!planDrawn && info.plan && info.plan.nodes && info.plan.nodes.length > 0) {
    drawPlan(info.plan);
    planDrawn = true;
  }
}

function fillTable(id, rows) {
  const table = document.getElementById(id);
  table.replaceChildren(...rows.map(([k, v]) => el('tr', {}, el('td', {}, k), el('td', {}, v))));
}

function renderOperators(operators) {
  const body = document.getElementById('operator-stats');
  if (!Array.isArray(operators) || operators.length === 0) return;
  body.replaceChildren(
    ...operators.map((o) =>
      el(
        'tr',
        {},
        el('td', {}, o.planNodeId),
        el('td', {}, o.operatorType),
        el('td', {}, formatCount(o.inputRows)),
        el('td', {}, formatCount(o.outputRows)),
        el('td', {}, formatMillis(o.wallMillis)),
        el('td', {}, formatMillis(o.cpuMillis)),
        el('td', {}, formatBytes(o.peakMemoryBytes)),
      ),
    ),
  );
}

/** Draws the plan tree as SVG boxes (root on top) with edges to children. */
function drawPlan(plan) {
  const SVG = 'http://www.w3.org/2000/svg';
  const nodes = plan.nodes;
  const children = new Map(nodes.map((n) => [n.id, []]));
  const roots = [];
  for (const n of nodes) {
    if (n.parent === undefined || n.parent === null) roots.push(n);
    else children.get(n.parent).push(n);
  }
  const boxWidth = 200;
  const boxHeight = 44;
  const gapX = 24;
  const gapY = 36;
  const position = new Map();
  let nextX = 0;
  const layout = (node, depth) => {
    const kids = children.get(node.id);
    if (kids.length === 0) {
      position.set(node.id, { x: nextX, y: depth });
      nextX++;
      return;
    }
    kids.forEach((kid) => layout(kid, depth + 1));
    const xs = kids.map((kid) => position.get(kid.id).x);
    position.set(node.id, { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: depth });
  };
  roots.forEach((root) => layout(root, 0));
  const maxDepth = Math.max(...[...position.values()].map((p) => p.y));
  const width = Math.max(1, nextX) * (boxWidth + gapX);
  const height = (maxDepth + 1) * (boxHeight + gapY);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('id', 'plan-svg');
  const px = (p) => p.x * (boxWidth + gapX) + 4;
  const py = (p) => p.y * (boxHeight + gapY) + 4;
  for (const n of nodes) {
    if (n.parent === undefined || n.parent === null) continue;
    const from = position.get(n.parent);
    const to = position.get(n.id);
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('class', 'edge');
    path.setAttribute('d', `M ${px(from) + boxWidth / 2} ${py(from) + boxHeight} L ${px(to) + boxWidth / 2} ${py(to)}`);
    svg.append(path);
  }
  for (const n of nodes) {
    const p = position.get(n.id);
    const group = document.createElementNS(SVG, 'g');
    group.setAttribute('class', 'node');
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('x', px(p));
    rect.setAttribute('y', py(p));
    rect.setAttribute('width', boxWidth);
    rect.setAttribute('height', boxHeight);
    rect.setAttribute('rx', 4);
    const title = document.createElementNS(SVG, 'text');
    title.setAttribute('x', px(p) + 8);
    title.setAttribute('y', py(p) + 18);
    title.textContent = n.name;
    const detail = document.createElementNS(SVG, 'text');
    detail.setAttribute('x', px(p) + 8);
    detail.setAttribute('y', py(p) + 34);
    detail.textContent = n.detail.length > 26 ? n.detail.slice(0, 25) + '…' : n.detail;
    const tooltip = document.createElementNS(SVG, 'title');
    tooltip.textContent = `${n.name}${n.detail}`;
    group.append(rect, title, detail, tooltip);
    svg.append(group);
  }
  document.getElementById('plan-graph').replaceChildren(svg);
}

function start() {
  const page = document.body.dataset.page;
  const refresh = page === 'query' ? refreshQuery : refreshOverview;
  if (page === 'overview') document.getElementById('filters').addEventListener('input', refreshOverview);
  refresh();
  setInterval(refresh, POLL_MILLIS);
}

start();
