// The dashboard's overlay picture: every peer and link, held in a graphology graph, laid out by
// ForceAtlas2 in a web worker and drawn by sigma with WebGL, so a 10,000-peer network is drawn
// whole. The page hands it each frame's change (nodes new or changed, gone, links made and
// closed), never the whole picture again; the changes that arrive between two animation frames
// are made together and sigma re-indexes once for them. A picture arriving whole is placed at
// once (placement.js); ForceAtlas2 then runs by itself only on small pictures, for a bounded
// number of iterations after each change, and stops sooner once the picture has settled. On a
// large one every layout iteration costs a redraw of everything (with software WebGL, a few a
// second), so there it runs when the user asks (`toggleLayout`) and stops once settled. The layout
// works on a twin of the graph (same nodes and links, only positions); the drawn graph takes its
// positions only as often as the page can draw them. A node's look (colour, size, label) is set
// when its state changes; sigma's reducers add only what is transient (lit links, the followed
// message, the selection), and only the items they touch are redrawn. Bundled into
// wwwroot/graph.js by the Scenarios build (esbuild).
import Graph from 'graphology';
import Sigma from 'sigma';
import { EdgeLineProgram, EdgeRectangleProgram, NodePointProgram } from 'sigma/rendering';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { placeNew } from './placement.js';

const COLOURS = {
  // as style.css names them (--peer, --crashed, --suspected, --flash, --dup, --sel)
  up: '#2563eb', joining: '#a5c4f3', crashed: '#9ca3af', suspected: '#f59e0b', reached: '#16a34a',
  edge: 'rgba(100, 116, 139, 0.35)', tree: 'rgba(30, 64, 175, 0.85)', lazy: 'rgba(100, 116, 139, 0.45)', passive: 'rgba(100, 116, 139, 0.35)', gossip: '#f97316', dup: '#dc2626', followed: '#16a34a', path: 'rgba(22, 163, 74, 0.35)', made: '#0ea5e9', gone: '#dc2626',
};
// Peers by continent (runs on the measured Internet): hues apart from the states' blue, amber, grey and green, so a crash or a
// suspicion still stands out. The continents' names are the summary's (Simulator/Latency/Wan/Continents.cs).
const CONTINENT_COLOURS = {
  'Europe': '#7c3aed', 'North America': '#db2777', 'Asia': '#0d9488', 'South America': '#a16207',
  'Africa': '#65a30d', 'Oceania': '#0891b2', 'Antarctica': '#475569',
};
const LABEL = { font: 'system-ui, sans-serif', size: 12, weight: '600' };
const FLASH_MS = 650;           // a crossing stays lit this long
const LINK_CHANGE_MS = 900;     // a new link shows blue, a closed one red, this long
const LAYOUT_ITERATIONS = 400;  // ForceAtlas2 iterations after a whole picture (or any change to a small one)
const MIN_LAYOUT_ITERATIONS = 30; // after a small change to a large picture: the rest hardly moves
const SETTLED = 2e-4;           // mean move per iteration, as a share of the picture's extent, at which the layout stops
const LAYOUT_MS = 20000;        // and it stops this long after the last change whatever it has done (a slow machine lays out less)
const ASKED_LAYOUT_MS = 120000; // a layout the user started stops this long after, if it has not settled
const AUTO_LAYOUT_PEERS = 2000; // above this many peers the layout runs only when asked
// Above this many links, links are 1-pixel lines and peers WebGL points: the cheapest to draw
// (with chromium's software WebGL, 10,000 peers and 30,000 links render in about a third of the
// time that quads for links and circles for peers take).
const THIN_LINKS = 4000;
const MIN_DRAW_INTERVAL_MS = 60;
// A link's mode (Plumtree) and the passive entries (HyParView), as the frames number them (EdgeMode).
const MODE = { plain: 0, tree: 1, lazy: 2 };
// Lazy links are drawn dashed, passive entries dotted, on a canvas of their own under the peers
// (sigma's WebGL programs draw no dashes). Above this many, a 2D canvas would cost each render
// more than the WebGL picture: lazy links are then faint WebGL lines and passive entries not drawn.
const DASHED_MAX = 3000;

export class GraphView {
  constructor(container, { onSelect, onHover, onChange }) {
    this.graph = new Graph({ type: 'undirected', allowSelfLoops: false });
    this.shape = new Graph({ type: 'undirected', allowSelfLoops: false }); // the layout's twin
    this.iterationsLeft = 0;      // layout iterations still to run
    this.layoutUntil = 0;         // when the layout stops at the latest
    this.layoutIterations = 0;    // every iteration so far (the test reports the rate)
    this.layoutAsked = false;     // the user started the layout (a large picture lays out only then)
    this.pending = [];            // changes received since the last animation frame
    this.onChange = onChange || (() => {});
    this.cost = { changes: 0, reindexes: 0, changeMs: 0, renderMs: 0 }; // where the page's time goes (the test reports it)
    this.shape.on('eachNodeAttributesUpdated', () => { this.iterationsLeft--; this.layoutIterations++; this.sinceDraw++; this.positionsDirty = true; });
    this.positionsDirty = false;
    this.sinceDraw = 0;           // layout iterations since the drawn graph last took positions
    this.dirty = { nodes: new Set(), edges: new Set(), index: false }; // what the reducers now draw differently
    this.lastDraw = 0;
    this.drawCost = 0;            // ms the last render took
    this.info = new Map();       // peer -> its frame node (state, degree, times)
    this.lit = new Map();        // edge key -> { kind, until }
    this.linkChanges = new Map();// edge key -> { kind: made|gone, until }
    this.pathEdges = new Set();  // the followed message's hops shown so far
    this.reached = new Set();    // peers the followed message reached so far
    this.selected = null;
    this.renders = 0;
    this.firstFullRender = null; // ms since navigation start of the first render holding every peer of a whole picture
    this.expectedPeers = -1;
    this.hubMin = Infinity;
    this.lookDensity = 1;         // the density the sizes were last computed at
    this.byContinent = false;     // up peers coloured by their continent (a run on the measured Internet)
    this.thin = false;            // links drawn as 1-pixel lines, peers as points (many links)
    this.ringsDrawn = false;      // the ring canvas shows something
    this.layoutShown = false;     // the layout's state as onChange last told it
    this.passive = new Map();     // "holder|entry" -> [holder, entry]: passive entries, not links (not in the layout)
    this.modeCount = { tree: 0, lazy: 0 }; // links drawn in each mode
    this.ring = document.createElement('canvas');
    this.ring.className = 'rings';
    container.appendChild(this.ring);

    this.sigma = new Sigma(this.graph, container, {
      zIndex: true,
      renderEdgeLabels: false,
      labelRenderedSizeThreshold: 1e9, // labels only where forced: failing, selected, the biggest hubs
      labelFont: LABEL.font,
      labelSize: LABEL.size,
      labelWeight: LABEL.weight,
      defaultEdgeColor: COLOURS.edge,
      edgeProgramClasses: { line: EdgeRectangleProgram, thin: EdgeLineProgram },
      nodeProgramClasses: { point: NodePointProgram },
      minCameraRatio: 0.02,
      maxCameraRatio: 4,
      nodeReducer: (id, a) => this.nodeLook(id, a),
      edgeReducer: (key, a) => this.edgeLook(key, a),
      hideEdgesOnMove: false,
      // A container that has no size for a moment (a window shrunk to nothing, a full-page
      // screenshot re-laying the page out) is drawn 1 pixel wide until it has one again:
      // sigma would otherwise throw from its render frame and the page's script would stop.
      allowInvalidContainer: true,
    });
    this.sigma.createCanvasContext('modes', { afterLayer: 'edges' });
    this.sigma.resize(true);
    this.sigma.on('clickNode', ({ node }) => onSelect(node));
    this.sigma.on('clickStage', () => onSelect(null));
    this.hovered = null;
    this.sigma.on('enterNode', ({ node }) => { this.hovered = node; this.showLayers(); onHover(node, this.info.get(node)); });
    this.sigma.on('leaveNode', () => { this.hovered = null; this.showLayers(); onHover(null); });
    this.sigma.on('beforeRender', () => { this.renderStart = performance.now(); });
    this.sigma.on('afterRender', () => this.afterRender());
    this.layout = null;
    this.tick = this.tick.bind(this);
    requestAnimationFrame(this.tick);
  }

  /**
   * One frame's change to the picture, in addresses: peers new or changed (`nodes`), peers gone,
   * links made and closed, links' modes (`modes`: [a, b, mode]) and passive entries new and gone. `full`: the change replaces the whole picture (peers already placed keep their place).
   * Made at the next animation frame, with any other change received before it.
   */
  apply(change) {
    this.pending.push(change);
  }

  // The changes received since the last animation frame, made with one re-indexing.
  applyPending() {
    if (this.pending.length === 0) return;
    const start = performance.now();
    const changes = this.pending;
    this.pending = [];
    const structural = changes.some(c => this.isStructural(c));
    let relayout = 0;
    const makeAll = () => { for (const c of changes) relayout = Math.max(relayout, this.make(c, start)); };
    // Sigma re-indexes the whole picture for each node or link dropped: a change is made
    // with sigma looking away and re-indexed once. A change of looks only is redrawn node by node.
    if (structural) this.batch(makeAll); else makeAll();
    if (relayout > 0) this.relayout(relayout);
    this.cost.changes += changes.length;
    this.cost.changeMs += performance.now() - start;
    this.onChange();
  }

  isStructural({ full, nodes, gone, made, closed }) {
    return full || gone.length > 0 || made.length > 0 || closed.length > 0 || nodes.some(n => !this.graph.hasNode(n.id));
  }

  // Makes one change; the layout iterations it calls for (0: none).
  make({ full, nodes, gone, made, closed, modes = [], passive = [], passiveGone = [] }, now) {
    const g = this.graph;
    const structural = this.isStructural({ full, nodes, gone, made, closed });
    let moved = 0;
    const was = full ? this.positions() : null;
    if (full) this.clear();
    const going = new Set(gone);
    for (const [a, b] of closed) {
      const key = this.keyOf(a, b);
      if (!key) continue;
      // A link closed between two peers that stay shows red a moment; a gone peer's links go with it.
      if (this.renders > 0 && !going.has(a) && !going.has(b)) this.linkChanges.set(key, { kind: 'gone', until: now + LINK_CHANGE_MS });
      else { this.dropEdge(key); moved++; }
    }
    for (const id of gone) {
      if (!g.hasNode(id)) continue;
      g.forEachEdge(id, (key, a) => this.countMode(a.mode, -1));
      for (const [k, [h, e]] of this.passive) if (h === id || e === id) this.passive.delete(k);
      g.dropNode(id);
      this.shape.dropNode(id);
      this.info.delete(id);
      this.reached.delete(id);
      if (this.selected === id) this.selected = null;
      if (this.hovered === id) this.hovered = null; // sigma tells nothing more of a peer gone from under the pointer
      moved++;
    }
    const fresh = new Set();
    for (const n of nodes) {
      if (!g.hasNode(n.id)) { g.addNode(n.id, { x: 0, y: 0 }); this.shape.addNode(n.id, { x: 0, y: 0 }); fresh.add(n.id); moved++; }
      this.info.set(n.id, n);
    }
    for (const [a, b] of made) {
      if (!g.hasNode(a) || !g.hasNode(b)) continue;
      const key = this.keyOf(a, b);
      if (key) { if (this.linkChanges.get(key)?.kind === 'gone') { this.linkChanges.delete(key); this.dirty.edges.add(key); } continue; }
      g.addUndirectedEdgeWithKey(a + '|' + b, a, b);
      this.shape.addUndirectedEdgeWithKey(a + '|' + b, a, b);
      moved++;
      if (this.renders > 0 && !full && !fresh.has(a) && !fresh.has(b)) this.linkChanges.set(a + '|' + b, { kind: 'made', until: now + LINK_CHANGE_MS });
    }
    for (const [a, b, mode] of modes) this.setMode(this.keyOf(a, b), mode);
    for (const [h, e] of passiveGone) this.passive.delete(h + '|' + e);
    for (const [h, e] of passive) if (g.hasNode(h) && g.hasNode(e)) this.passive.set(h + '|' + e, [h, e]);
    if (passive.length || passiveGone.length || gone.length) this.sigma.scheduleRender(); // the modes canvas is drawn after each render
    this.place(fresh, was);
    this.restyle(nodes.map(n => n.id), structural);
    if (full) this.expectedPeers = g.order;
    if (moved === 0) return 0;
    const share = moved / Math.max(1, g.order + g.size);
    return full || g.order < 1000 ? LAYOUT_ITERATIONS : Math.min(LAYOUT_ITERATIONS, Math.ceil(MIN_LAYOUT_ITERATIONS + LAYOUT_ITERATIONS * 10 * share));
  }

  // Mutations made inside `change` reach sigma as one refresh of the nodes and links added or
  // changed (the rest keep what sigma computed for them); what it keeps about nodes and links
  // dropped meanwhile (hovered, highlighted, forced labels) is forgotten as its own handlers would.
  batch(change) {
    const gone = { nodes: [], edges: [], cleared: false }, touched = { nodes: new Set(), edges: new Set() };
    const handlers = {
      nodeDropped: ({ key }) => gone.nodes.push(key), edgeDropped: ({ key }) => gone.edges.push(key), cleared: () => { gone.cleared = true; },
      nodeAdded: ({ key }) => touched.nodes.add(key), nodeAttributesUpdated: ({ key }) => touched.nodes.add(key), edgeAdded: ({ key }) => touched.edges.add(key),
    };
    this.sigma.unbindGraphHandlers();
    for (const [event, handler] of Object.entries(handlers)) this.graph.on(event, handler);
    try { change(); } finally {
      for (const [event, handler] of Object.entries(handlers)) this.graph.off(event, handler);
      this.sigma.bindGraphHandlers();
    }
    if (gone.cleared) { this.sigma.clearNodeState(); this.sigma.clearEdgeState(); }
    for (const id of gone.nodes) if (!this.graph.hasNode(id)) this.sigma.removeNode(id);
    for (const key of gone.edges) if (!this.graph.hasEdge(key)) this.sigma.removeEdge(key);
    const thin = this.graph.size > THIN_LINKS, whole = gone.cleared || thin !== this.thin;
    if (thin !== this.thin) {
      this.thin = thin;
      this.sigma.setSetting('defaultEdgeType', thin ? 'thin' : 'line');
      this.sigma.setSetting('defaultNodeType', thin ? 'point' : 'circle');
      this.sigma.setSetting('hideEdgesOnMove', thin); // a camera move redraws the points alone
    }
    this.cost.reindexes++;
    if (whole) { this.sigma.refresh({ schedule: true }); return; }
    const partialGraph = { nodes: [...touched.nodes].filter(id => this.graph.hasNode(id)), edges: [...touched.edges].filter(key => this.graph.hasEdge(key)) };
    this.sigma.refresh({ partialGraph, skipIndexation: false, schedule: true });
  }

  // A link's mode as an attribute its look is drawn from (edgeLook), counted for the page.
  setMode(key, mode) {
    if (!key) return;
    const was = this.graph.getEdgeAttribute(key, 'mode') || MODE.plain;
    if (was === mode) return;
    this.countMode(was, -1);
    this.countMode(mode, 1);
    this.graph.setEdgeAttribute(key, 'mode', mode);
    this.dirty.edges.add(key);
  }

  countMode(mode, by) {
    if (mode === MODE.tree) this.modeCount.tree += by;
    else if (mode === MODE.lazy) this.modeCount.lazy += by;
  }

  /** A peer's links in each mode, and its passive entries (for the selected node's details). */
  modesOf(id) {
    const count = { tree: 0, lazy: 0, passive: 0 };
    if (!this.graph.hasNode(id)) return count;
    this.graph.forEachEdge(id, (key, a) => { if (a.mode === MODE.tree) count.tree++; else if (a.mode === MODE.lazy) count.lazy++; });
    for (const [h] of this.passive.values()) if (h === id) count.passive++;
    return count;
  }

  get dashed() { return this.modeCount.lazy + this.passive.size <= DASHED_MAX; }

  clear() {
    this.passive.clear();
    this.modeCount = { tree: 0, lazy: 0 };
    this.graph.clear();
    this.shape.clear();
    this.info.clear();
    this.linkChanges.clear();
    this.lit.clear();
    this.pathEdges.clear();
    this.reached.clear();
  }

  /** Every peer's place now (a whole picture keeps them). */
  positions() {
    const at = new Map();
    this.shape.forEachNode((id, a) => at.set(id, a));
    return at;
  }

  // Newcomers: where they were before a whole picture, else beside their neighbours.
  place(fresh, was) {
    if (fresh.size === 0) return;
    if (was) for (const id of fresh) {
      const p = was.get(id);
      if (p) { this.shape.mergeNodeAttributes(id, { x: p.x, y: p.y }); fresh.delete(id); }
    }
    const placing = new Set(fresh);
    placeNew(this.shape, placing, Math.max(10, Math.sqrt(this.graph.order) * 4));
    for (const id of (was ? this.graph.nodes() : fresh)) {
      const p = this.shape.getNodeAttributes(id);
      this.graph.mergeNodeAttributes(id, { x: p.x, y: p.y });
    }
  }

  // Colour, size and label of the peers whose state changed; of every peer when the sizes or hub labels move.
  restyle(changed, structural) {
    const g = this.graph;
    const degs = g.order < 120 ? [...this.info.values()].map(n => n.deg).sort((x, y) => y - x) : [];
    const hubMin = degs.length > 3 ? Math.max(1, degs[2]) : Infinity;
    const density = this.density();
    const all = hubMin !== this.hubMin || Math.abs(density / this.lookDensity - 1) > 0.1 || structural && g.order < 120;
    this.hubMin = hubMin;
    if (all) this.lookDensity = density;
    for (const id of all ? g.nodes() : changed) if (this.info.has(id)) g.mergeNodeAttributes(id, this.lookOf(id, this.info.get(id)));
  }

  /**
   * Runs ForceAtlas2 in its worker for at least `iterations` more iterations (fewer if the picture
   * settles or time runs out): on a small picture, or a large one whose layout the user started.
   */
  relayout(iterations) {
    if (this.shape.order > AUTO_LAYOUT_PEERS && !this.layoutAsked) return;
    this.iterationsLeft = Math.max(this.iterationsLeft, iterations);
    this.layoutUntil = Math.max(this.layoutUntil, performance.now() + LAYOUT_MS);
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
    this.countMode(this.graph.getEdgeAttribute(key, 'mode'), -1);
    this.graph.dropEdge(key);
    this.shape.dropEdge(key);
    this.lit.delete(key);
    this.pathEdges.delete(key);
  }

  // The drawn graph takes the layout's positions, at most as often as the page can draw them;
  // the layout stops once a position update moves the peers less than SETTLED per iteration.
  drawPositions(now) {
    if (!this.positionsDirty || now - this.lastDraw < Math.max(MIN_DRAW_INTERVAL_MS, 2 * this.drawCost)) return;
    this.positionsDirty = false;
    this.lastDraw = now;
    const shape = this.shape;
    let move = 0, minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    this.graph.updateEachNodeAttributes((id, a) => {
      const p = shape.getNodeAttributes(id);
      move += Math.abs(p.x - a.x) + Math.abs(p.y - a.y);
      if (p.x < minX) minX = p.x; if (p.x > maxX) maxX = p.x;
      if (p.y < minY) minY = p.y; if (p.y > maxY) maxY = p.y;
      a.x = p.x; a.y = p.y;
      return a;
    }, { attributes: ['x', 'y'] });
    const extent = Math.max(maxX - minX, maxY - minY, 1e-9);
    const perIteration = move / Math.max(1, this.graph.order) / Math.max(1, this.sinceDraw) / extent;
    this.sinceDraw = 0;
    if (perIteration < SETTLED) this.iterationsLeft = 0;
  }

  get layoutRunning() { return !!this.layout && this.layout.isRunning(); }

  /** The user starts the layout (it stops once settled, or after ASKED_LAYOUT_MS), or stops it. */
  toggleLayout() {
    if (this.layoutRunning) this.stopLayout();
    else {
      this.layoutAsked = true;
      this.layoutUntil = performance.now() + ASKED_LAYOUT_MS;
      this.relayout(Infinity);
    }
    this.layoutShown = this.layoutRunning;
    this.onChange();
  }

  stopLayout() {
    this.layout.stop();
    this.layoutAsked = false;
    this.iterationsLeft = 0;
    this.layoutUntil = 0;
  }

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
      color: n.st === 'crashed' ? COLOURS.crashed : n.sus ? COLOURS.suspected : n.st === 'joining' ? COLOURS.joining
        : this.byContinent && CONTINENT_COLOURS[n.rg] || COLOURS.up,
      size: this.sizeOf(n), label, forceLabel: !!label, zIndex: failing ? 3 : 0,
    };
  }

  /** Continent → colour, for the page's legend. */
  get continentColours() { return CONTINENT_COLOURS; }

  /** Colours up peers by continent (on) or by state alone (off), every peer at once. */
  colourByContinent(on) {
    this.byContinent = on;
    for (const id of this.graph.nodes()) if (this.info.has(id)) this.graph.mergeNodeAttributes(id, this.lookOf(id, this.info.get(id)));
    this.sigma.refresh({ schedule: true });
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

  // Lit links are drawn thicker and on top while the links are few; among many, in colour only,
  // so lighting one redraws that link and not the whole picture.
  edgeLook(key, a) {
    const lit = this.lit.get(key);
    if (lit) return this.thin ? { ...a, color: COLOURS[lit.kind] } : { ...a, color: COLOURS[lit.kind], size: 1.4, zIndex: 2 };
    if (this.pathEdges.has(key)) return this.thin ? { ...a, color: COLOURS.path } : { ...a, color: COLOURS.path, zIndex: 1 };
    const change = this.linkChanges.get(key);
    if (change) return this.thin ? { ...a, color: COLOURS[change.kind] } : { ...a, color: COLOURS[change.kind], size: 1.5, zIndex: 1 };
    // The tree solid and strong; a lazy link dashed on the modes canvas (or faint, among too many to dash).
    if (a.mode === MODE.tree) return this.thin ? { ...a, color: COLOURS.tree } : { ...a, color: COLOURS.tree, size: 1.3 };
    if (a.mode === MODE.lazy) return this.dashed ? { ...a, hidden: true } : { ...a, color: COLOURS.lazy };
    return a;
  }

  // Lazy links dashed, passive entries dotted (fainter), under the peers; redrawn after each render, as the positions it reads.
  drawModes(width, height, ratio) {
    const ctx = this.sigma.getCanvases().modes.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    if (!this.dashed || this.modeCount.lazy + this.passive.size === 0) return;
    const at = (id) => { const d = this.sigma.getNodeDisplayData(id); return d && this.sigma.framedGraphToViewport({ x: d.x, y: d.y }); };
    const line = (a, b) => { const p = at(a), q = at(b); if (p && q) { ctx.moveTo(p.x, p.y); ctx.lineTo(q.x, q.y); } };
    ctx.lineWidth = 1;
    ctx.beginPath();
    this.graph.forEachEdge((key, a, s, t) => {
      if (a.mode === MODE.lazy && !this.lit.has(key) && !this.pathEdges.has(key) && !this.linkChanges.has(key)) line(s, t);
    });
    ctx.setLineDash([5, 4]);
    ctx.strokeStyle = COLOURS.lazy;
    ctx.stroke();
    ctx.beginPath();
    for (const [h, e] of this.passive.values()) line(h, e);
    ctx.setLineDash([1, 4]);
    ctx.strokeStyle = COLOURS.passive;
    ctx.stroke();
    ctx.setLineDash([]);
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
    this.dirty.edges.add(key);
  }

  /** The followed message reached `to` through `from` (null for its origin). */
  reach(from, to) {
    if (this.info.has(to)) { this.reached.add(to); this.dirty.nodes.add(to); }
    if (from) { const key = this.keyOf(from, to); if (key) { this.pathEdges.add(key); this.dirty.edges.add(key); } }
  }

  clearFollowed() {
    for (const id of this.reached) this.dirty.nodes.add(id);
    for (const key of this.pathEdges) this.dirty.edges.add(key);
    this.reached.clear();
    this.pathEdges.clear();
  }

  select(id) {
    for (const n of [this.selected, id]) if (n && this.graph.hasNode(n)) this.dirty.nodes.add(n);
    this.dirty.index = true; // its label joins the label grid
    this.selected = id;
  }

  /** Viewport position of a peer (for tests and the tooltip), or null. */
  position(id) {
    if (!this.graph.hasNode(id)) return null;
    const d = this.sigma.getNodeDisplayData(id);
    if (!d) return null;
    return this.sigma.framedGraphToViewport({ x: d.x, y: d.y });
  }

  // Once per animation frame, whatever one step throws.
  tick() {
    try { this.step(performance.now()); } finally { requestAnimationFrame(this.tick); }
  }

  // Expires lit links and link changes, stops the layout once its iterations or its time are
  // spent, and redraws what changed.
  step(now) {
    this.applyPending();
    for (const [key, l] of this.lit) if (l.until <= now) { this.lit.delete(key); this.dirty.edges.add(key); }
    const closing = [];
    for (const [key, c] of this.linkChanges) {
      if (c.until > now) continue;
      this.linkChanges.delete(key);
      if (c.kind === 'gone' && this.graph.hasEdge(key)) closing.push(key);
      else this.dirty.edges.add(key);
    }
    if (closing.length) {
      this.batch(() => closing.forEach(key => { this.dropEdge(key); this.dirty.edges.delete(key); }));
      this.relayout(this.graph.order < 1000 ? LAYOUT_ITERATIONS : MIN_LAYOUT_ITERATIONS);
    }
    if (this.layoutRunning && (this.iterationsLeft <= 0 || now > this.layoutUntil)) this.stopLayout();
    if (this.layoutRunning !== this.layoutShown) { this.layoutShown = this.layoutRunning; this.onChange(); }
    this.drawPositions(now);
    this.redrawDirty();
  }

  redrawDirty() {
    const { nodes, edges, index } = this.dirty;
    if (nodes.size === 0 && edges.size === 0 && !index) return;
    const partialGraph = { nodes: [...nodes].filter(n => this.graph.hasNode(n)), edges: [...edges].filter(e => this.graph.hasEdge(e)) };
    this.dirty = { nodes: new Set(), edges: new Set(), index: false };
    // Colours only (many links): rewrite those items in place. Else sigma re-indexes (sizes, order, labels).
    const skipIndexation = this.thin && !index;
    try {
      this.sigma.refresh({ partialGraph, skipIndexation, schedule: true });
    } catch {
      this.sigma.refresh({ partialGraph, skipIndexation: false, schedule: true }); // an item added since the last indexing
    }
  }

  // Rings around failing and selected peers (sigma's circles have no border), drawn over the WebGL picture.
  afterRender() {
    this.renders++;
    this.drawCost = performance.now() - this.renderStart;
    this.cost.renderMs += this.drawCost;
    if (this.firstFullRender == null && this.expectedPeers > 0 && this.graph.order === this.expectedPeers)
      this.firstFullRender = performance.now();
    const { width, height } = this.sigma.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    if (this.ring.width !== width * ratio || this.ring.height !== height * ratio) {
      this.ring.width = width * ratio; this.ring.height = height * ratio;
      this.ring.style.width = width + 'px'; this.ring.style.height = height + 'px';
    }
    this.showLayers();
    this.drawModes(width, height, ratio);
    const rings = [];
    for (const [id, n] of this.info) {
      const ringed = n.st === 'crashed' && n.sus || this.selected === id, labelled = this.thin && (n.st === 'crashed' || n.sus);
      if (!ringed && !labelled) continue;
      const d = this.sigma.getNodeDisplayData(id);
      if (!d) continue;
      const p = this.sigma.framedGraphToViewport({ x: d.x, y: d.y });
      rings.push({ failing: n.st === 'crashed' && n.sus, ringed, label: labelled ? d.label : null, x: p.x, y: p.y, r: this.sigma.scaleSize(d.size) + 3 });
    }
    // An empty canvas is left alone: each canvas that changes costs the page's compositor a copy of it.
    if (rings.length === 0 && !this.ringsDrawn) return;
    this.ringsDrawn = rings.length > 0;
    const ctx = this.ring.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.font = `${LABEL.weight} ${LABEL.size}px ${LABEL.font}`;
    for (const { failing, ringed, label, x, y, r } of rings) {
      if (label) {
        // Right of the peer, or left of it where the text would leave the picture.
        const left = x + r + 2 + ctx.measureText(label).width > width;
        ctx.textAlign = left ? 'right' : 'left';
        const at = [left ? x - r - 2 : x + r + 2, y + LABEL.size / 3];
        ctx.lineWidth = 3; ctx.strokeStyle = 'rgba(255, 255, 255, 0.85)'; // a halo, readable over the links
        ctx.strokeText(label, ...at);
        ctx.fillStyle = '#000';
        ctx.fillText(label, ...at);
      }
      if (!ringed) continue;
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = failing ? COLOURS.suspected : '#111';
      ctx.stroke();
    }
  }

  // Sigma clears and draws each of its canvases at every render, and each visible canvas that
  // changes costs the browser's compositor a copy of it (with software WebGL, the larger part of a
  // frame): canvases with nothing to show are hidden. Among many links the failing peers' labels
  // are drawn with their rings, not on sigma's label canvas (hidden unless there are few links).
  showLayers() {
    const canvases = this.sigma.getCanvases();
    const show = { labels: !this.thin };
    let shownAgain = false;
    for (const [layer, shown] of Object.entries(show)) {
      const style = canvases[layer]?.style;
      if (!style || (style.display === 'none') !== shown) continue;
      style.display = shown ? '' : 'none';
      shownAgain ||= shown;
    }
    if (shownAgain) this.sigma.scheduleRender(); // what it held while hidden is drawn anew
  }
}

window.GraphView = GraphView;
