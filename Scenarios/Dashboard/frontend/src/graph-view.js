// The dashboard's overlay picture: every peer and link of the frame, held in a graphology
// graph, laid out by ForceAtlas2 in a web worker and drawn by sigma with WebGL, so a 10,000-peer
// network is drawn whole. The layout works on a twin of the graph (same nodes and links, only
// positions), so the worker iterates at its own pace while the drawn graph takes its positions
// only as often as the page can draw them. A node's look (colour, size, label) is set when its
// state changes; sigma's reducers add only what is transient (lit links, the followed message,
// the selection). Bundled into wwwroot/graph.js by the Scenarios build (esbuild).
import Graph from 'graphology';
import Sigma from 'sigma';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import forceAtlas2 from 'graphology-layout-forceatlas2';

const COLOURS = {
  // as style.css names them (--peer, --crashed, --suspected, --flash, --dup, --sel)
  up: '#2563eb', joining: '#a5c4f3', crashed: '#9ca3af', suspected: '#f59e0b', reached: '#16a34a',
  edge: 'rgba(100, 116, 139, 0.35)', gossip: '#f97316', dup: '#dc2626', followed: '#16a34a', path: 'rgba(22, 163, 74, 0.35)', made: '#0ea5e9', gone: '#dc2626',
};
const FLASH_MS = 650;         // a crossing stays lit this long
const LINK_CHANGE_MS = 900;   // a new link shows blue, a closed one red, this long
const SETTLE_ITERATIONS = 300; // the layout stops this many iterations after the last change
const MIN_DRAW_INTERVAL_MS = 60;

/** Where a newcomer starts: beside its placed neighbours, else near a breadth-first parent, else at random in the current extent. */
function placeNew(graph, fresh, extent) {
  const placed = (n) => !fresh.has(n);
  const jitter = (r) => (Math.random() - 0.5) * r;
  const pending = [];
  for (const id of fresh) {
    let sx = 0, sy = 0, k = 0;
    graph.forEachNeighbor(id, (m, a) => { if (placed(m)) { sx += a.x; sy += a.y; k++; } });
    if (k > 0) {
      graph.mergeNodeAttributes(id, { x: sx / k + jitter(extent * 0.02), y: sy / k + jitter(extent * 0.02) });
      fresh.delete(id);
    } else pending.push(id);
  }
  // A batch with no placed neighbour (the first frame of a replay): grow each component from one node.
  for (const start of pending) {
    if (!fresh.has(start)) continue;
    graph.mergeNodeAttributes(start, { x: jitter(extent), y: jitter(extent) });
    fresh.delete(start);
    const queue = [start];
    while (queue.length) {
      const id = queue.shift();
      const { x, y } = graph.getNodeAttributes(id);
      graph.forEachNeighbor(id, (m) => {
        if (!fresh.has(m)) return;
        const angle = Math.random() * 2 * Math.PI, r = extent * 0.01 * (1 + Math.random());
        graph.mergeNodeAttributes(m, { x: x + r * Math.cos(angle), y: y + r * Math.sin(angle) });
        fresh.delete(m);
        queue.push(m);
      });
    }
  }
}

export class GraphView {
  constructor(container, { onSelect, onHover }) {
    this.graph = new Graph({ type: 'undirected', allowSelfLoops: false });
    this.shape = new Graph({ type: 'undirected', allowSelfLoops: false }); // the layout's twin
    this.iterations = 0;          // layout iterations since the last change
    this.shape.on('eachNodeAttributesUpdated', () => { this.iterations++; this.positionsDirty = true; });
    this.positionsDirty = false;
    this.refreshWanted = false;
    this.lastDraw = 0;
    this.drawCost = 0;            // ms the last render took
    this.info = new Map();       // peer -> its frame node (state, degree, times)
    this.lit = new Map();        // edge key -> { kind, until }
    this.linkChanges = new Map();// edge key -> { kind: made|gone, until }
    this.pathEdges = new Set();  // the followed message's hops shown so far
    this.reached = new Set();    // peers the followed message reached so far
    this.selected = null;
    this.renders = 0;
    this.firstFullRender = null; // ms since navigation start of the first render holding every peer of a frame
    this.expectedPeers = -1;
    this.hubMin = Infinity;
    this.lookDensity = 1;         // the density the sizes were last computed at
    this.ring = document.createElement('canvas');
    this.ring.className = 'rings';
    container.appendChild(this.ring);

    this.sigma = new Sigma(this.graph, container, {
      zIndex: true,
      renderEdgeLabels: false,
      labelRenderedSizeThreshold: 1e9, // labels only where forced: failing, selected, the biggest hubs
      labelFont: 'system-ui, sans-serif',
      labelSize: 12,
      labelWeight: '600',
      defaultEdgeColor: COLOURS.edge,
      minCameraRatio: 0.02,
      maxCameraRatio: 4,
      nodeReducer: (id, a) => this.nodeLook(id, a),
      edgeReducer: (key, a) => this.edgeLook(key, a),
    });
    this.sigma.on('clickNode', ({ node }) => onSelect(node));
    this.sigma.on('clickStage', () => onSelect(null));
    this.sigma.on('enterNode', ({ node }) => onHover(node, this.info.get(node)));
    this.sigma.on('leaveNode', () => onHover(null));
    this.sigma.on('beforeRender', () => { this.renderStart = performance.now(); });
    this.sigma.on('afterRender', () => this.afterRender());
    this.layout = null;
    this.tick = this.tick.bind(this);
    requestAnimationFrame(this.tick);
  }

  /** The frame's peers and links into the graph: adds and drops only what changed. */
  update(frame) {
    const now = performance.now();
    const g = this.graph;
    const peers = frame.nodes;
    const inFrame = new Set();
    const fresh = new Set();
    const changedLook = [];
    let structural = false;
    for (const n of peers) {
      if (n.seed) continue;
      inFrame.add(n.id);
      if (!g.hasNode(n.id)) { g.addNode(n.id, { x: 0, y: 0 }); this.shape.addNode(n.id, { x: 0, y: 0 }); fresh.add(n.id); structural = true; }
      const old = this.info.get(n.id);
      this.info.set(n.id, n);
      if (!old || old.deg !== n.deg || old.st !== n.st || old.sus !== n.sus || old.tc !== n.tc || old.ts !== n.ts) changedLook.push(n.id);
    }
    const keep = new Set();
    for (const [ia, ib] of frame.edges) {
      const a = peers[ia].id, b = peers[ib].id;
      if (peers[ia].seed || peers[ib].seed) continue;
      const key = a + '|' + b;
      keep.add(key);
      if (!g.hasEdge(key)) {
        g.addUndirectedEdgeWithKey(key, a, b);
        this.shape.addUndirectedEdgeWithKey(key, a, b);
        structural = true;
        if (this.renders > 0 && !fresh.has(a) && !fresh.has(b)) this.linkChanges.set(key, { kind: 'made', until: now + LINK_CHANGE_MS });
      } else if (this.linkChanges.get(key)?.kind === 'gone') this.linkChanges.delete(key);
    }
    for (const key of g.edges()) {
      if (keep.has(key) || this.linkChanges.get(key)?.kind === 'gone') continue;
      const [a, b] = g.extremities(key);
      if (inFrame.has(a) && inFrame.has(b)) this.linkChanges.set(key, { kind: 'gone', until: now + LINK_CHANGE_MS });
      else { this.dropEdge(key); structural = true; }
    }
    for (const id of g.nodes()) {
      if (inFrame.has(id)) continue;
      g.dropNode(id);
      this.shape.dropNode(id);
      this.info.delete(id);
      this.reached.delete(id);
      if (this.selected === id) this.selected = null;
      structural = true;
    }
    if (fresh.size) {
      const placing = new Set(fresh);
      placeNew(this.shape, placing, Math.max(10, Math.sqrt(g.order) * 4));
      for (const id of fresh) g.mergeNodeAttributes(id, { x: this.shape.getNodeAttribute(id, 'x'), y: this.shape.getNodeAttribute(id, 'y') });
    }
    const degs = g.order < 120 ? [...this.info.values()].map(n => n.deg).sort((x, y) => y - x) : [];
    const hubMin = degs.length > 3 ? Math.max(1, degs[2]) : Infinity;
    // Sizes shrink as the network grows, hub labels follow the top degrees: then every look is redone.
    const density = this.density();
    const looks = hubMin !== this.hubMin || Math.abs(density / this.lookDensity - 1) > 0.1 || structural && g.order < 120 ? g.nodes() : changedLook;
    this.hubMin = hubMin;
    if (looks !== changedLook) this.lookDensity = density;
    for (const id of looks) g.mergeNodeAttributes(id, this.lookOf(id, this.info.get(id)));
    this.expectedPeers = inFrame.size;
    if (structural) this.relayout();
    this.refreshWanted = true;
  }

  /** Runs ForceAtlas2 in its worker until it has made SETTLE_ITERATIONS iterations since the last change. */
  relayout() {
    this.iterations = 0;
    if (this.shape.order < 2) return;
    if (!this.layout) {
      const settings = forceAtlas2.inferSettings(this.shape);
      this.layout = new FA2Layout(this.shape, {
        settings: { ...settings, barnesHutOptimize: this.shape.order > 500, gravity: 1, scalingRatio: 10, slowDown: 2 },
      });
    }
    if (!this.layout.isRunning()) this.layout.start();
  }

  dropEdge(key) {
    this.graph.dropEdge(key);
    this.shape.dropEdge(key);
  }

  // The drawn graph takes the layout's positions, at most as often as the page can draw them.
  drawPositions(now) {
    if (!this.positionsDirty || now - this.lastDraw < Math.max(MIN_DRAW_INTERVAL_MS, 2 * this.drawCost)) return;
    this.positionsDirty = false;
    this.lastDraw = now;
    const shape = this.shape;
    this.graph.updateEachNodeAttributes((id, a) => {
      const p = shape.getNodeAttributes(id);
      a.x = p.x; a.y = p.y;
      return a;
    }, { attributes: ['x', 'y'] });
  }

  get layoutRunning() { return !!this.layout && this.layout.isRunning(); }

  // Smaller when many peers are drawn, so the links between them stay visible.
  density() {
    return Math.min(1, Math.max(0.3, Math.sqrt(40 / Math.max(1, this.graph.order))));
  }

  sizeOf(n) {
    const size = this.lookDensity * (2.5 + 1.2 * Math.sqrt(Math.max(0, n.deg)));
    return n.st === 'crashed' || n.sus ? Math.max(size, 6) : size;
  }

  /** A peer's colour, size and label from its state (the followed message and the selection are added by the reducer). */
  lookOf(id, n) {
    const failing = n.st === 'crashed' || n.sus;
    const short = id.startsWith('127.0.0.1:') ? ':' + id.slice(10) : id;
    const secs = (t) => `${t.toFixed(t < 100 ? 2 : 1)} s`;
    const label = n.st === 'crashed' ? `✕ ${short} crashed ${secs(n.tc)}` + (n.ts != null ? `, suspected ${secs(n.ts)}` : '')
      : n.sus ? `? ${short} suspected ${secs(n.ts)}`
      : n.deg >= this.hubMin ? short : null;
    return {
      color: n.st === 'crashed' ? COLOURS.crashed : n.sus ? COLOURS.suspected : n.st === 'joining' ? COLOURS.joining : COLOURS.up,
      size: this.sizeOf(n), label, forceLabel: !!label, zIndex: failing ? 3 : 0,
    };
  }

  nodeLook(id, a) {
    const selected = this.selected === id, reached = this.reached.has(id);
    if (!selected && !reached) return a;
    const look = { ...a };
    if (reached && a.color !== COLOURS.crashed && a.color !== COLOURS.suspected) look.color = COLOURS.reached;
    if (selected) {
      look.label = a.label || (id.startsWith('127.0.0.1:') ? ':' + id.slice(10) : id);
      look.forceLabel = true;
      look.highlighted = true;
      look.zIndex = Math.max(a.zIndex || 0, 2);
    }
    return look;
  }

  edgeLook(key, a) {
    const lit = this.lit.get(key);
    if (lit) return { ...a, color: COLOURS[lit.kind], size: 1.4, zIndex: 2 };
    if (this.pathEdges.has(key)) return { ...a, color: COLOURS.path, zIndex: 1 };
    const change = this.linkChanges.get(key);
    if (change) return { ...a, color: COLOURS[change.kind], size: 1.5, zIndex: 1 };
    return a;
  }

  keyOf(a, b) {
    if (this.graph.hasEdge(a + '|' + b)) return a + '|' + b;
    if (this.graph.hasEdge(b + '|' + a)) return b + '|' + a;
    return null;
  }

  /** Lights the link between a and b: gossip (orange), dup (red), followed (green). */
  flash(a, b, kind) {
    const key = this.keyOf(a, b);
    if (!key) return;
    this.lit.set(key, { kind, until: performance.now() + FLASH_MS });
    this.refreshWanted = true;
  }

  /** The followed message reached `to` through `from` (null for its origin). */
  reach(from, to) {
    if (this.info.has(to)) this.reached.add(to);
    if (from) { const key = this.keyOf(from, to); if (key) this.pathEdges.add(key); }
    this.refreshWanted = true;
  }

  clearFollowed() {
    this.reached.clear();
    this.pathEdges.clear();
    this.refreshWanted = true;
  }

  select(id) {
    this.selected = id;
    this.refreshWanted = true;
  }

  /** Viewport position of a peer (for tests and the tooltip), or null. */
  position(id) {
    if (!this.graph.hasNode(id)) return null;
    const d = this.sigma.getNodeDisplayData(id);
    if (!d) return null;
    return this.sigma.framedGraphToViewport({ x: d.x, y: d.y });
  }

  // Expires lit links and link changes, stops the layout once settled.
  tick() {
    const now = performance.now();
    let changed = false;
    for (const [key, l] of this.lit) if (l.until <= now) { this.lit.delete(key); changed = true; }
    for (const [key, c] of this.linkChanges) {
      if (c.until > now) continue;
      this.linkChanges.delete(key);
      if (c.kind === 'gone' && this.graph.hasEdge(key)) { this.dropEdge(key); this.relayout(); }
      changed = true;
    }
    if (this.layoutRunning && this.iterations >= SETTLE_ITERATIONS) this.layout.stop();
    this.drawPositions(now);
    // One refresh per animation frame: sigma's refresh re-applies the reducers to every node and link.
    if (changed || this.refreshWanted) {
      this.refreshWanted = false;
      this.sigma.refresh();
    }
    requestAnimationFrame(this.tick);
  }

  // Rings around failing and selected peers (sigma's circles have no border), drawn over the WebGL picture.
  afterRender() {
    this.renders++;
    this.drawCost = performance.now() - this.renderStart;
    if (this.firstFullRender == null && this.expectedPeers > 0 && this.graph.order === this.expectedPeers)
      this.firstFullRender = performance.now();
    const { width, height } = this.sigma.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    if (this.ring.width !== width * ratio || this.ring.height !== height * ratio) {
      this.ring.width = width * ratio; this.ring.height = height * ratio;
      this.ring.style.width = width + 'px'; this.ring.style.height = height + 'px';
    }
    const ctx = this.ring.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    for (const [id, n] of this.info) {
      const failing = n.st === 'crashed' && n.sus, sel = this.selected === id;
      if (!failing && !sel) continue;
      const d = this.sigma.getNodeDisplayData(id);
      if (!d) continue;
      const p = this.sigma.framedGraphToViewport({ x: d.x, y: d.y });
      const r = this.sigma.scaleSize(d.size) + 3;
      ctx.beginPath();
      ctx.arc(p.x, p.y, r, 0, 2 * Math.PI);
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = failing ? COLOURS.suspected : '#111';
      ctx.stroke();
    }
  }
}

window.GraphView = GraphView;
