// GossipSim dashboard: draws the frames the server pushes (server-sent events on /events).
// The first frame holds the whole picture (every visible node and link, each node with a key),
// each later one only its change (nodes new or changed, gone, links made and closed, by key);
// the page keeps the picture (`net`) and hands each change to the graph view (graph.js:
// graphology, sigma with WebGL, ForceAtlas2 in a web worker), which keeps its layout between
// frames and lights the gossip crossings of each frame in their order.
'use strict';

(() => {
  const $ = id => document.getElementById(id);

  let frame = null;
  const net = { byKey: new Map(), byId: new Map(), seeds: new Map(), continents: new Set() }; // the picture: nodes by key and by address; seeds by key; the peers' continents (wan runs)
  const stream = { frames: 0, wholeBytes: [], changeBytes: [] };     // what the frames weigh (for the test's figures)
  let selected = null;       // address of the selected node
  let followed = null;       // index of the followed message, or null
  let followedPath = null;   // its /api/message answer
  let spreadTimers = [];
  let sliderHeld = false;
  let firstFrameAt = null;   // ms since navigation start

  // The dashboard's token, from the address the command printed (...?token=...); kept for this tab, so a reload without it
  // still works. Every request but the page's own files needs it: without it the server answers 403.
  const token = new URLSearchParams(location.search).get('token') || sessionStorage.getItem('gossipsim-token') || '';
  if (token) sessionStorage.setItem('gossipsim-token', token);
  const withToken = (headers = {}) => ({ ...headers, 'X-GossipSim-Token': token });

  const short = (addr) => addr.startsWith('127.0.0.1:') ? ':' + addr.slice(10) : addr;
  const secs = (t) => t == null ? '—' : `${t.toFixed(t < 100 ? 2 : 1)} s`;

  const view = new GraphView($('graph'), { onSelect: (id) => select(id), onHover: hover, onChange: drawDrawn });

  // What the graph view draws (it makes each frame's change at its next animation frame), and its layout's state.
  function drawDrawn() {
    $('drawn').textContent = `${view.graph.order.toLocaleString()} peers and ${view.graph.size.toLocaleString()} links drawn`;
    const b = $('layout');
    b.textContent = view.layoutRunning ? 'stop layout' : 'lay out';
    b.setAttribute('aria-pressed', view.layoutRunning ? 'true' : 'false');
  }

  // ---- the stream ----------------------------------------------------------------------
  function connect() {
    if (!token) {
      $('conn').textContent = 'no token: open the address the command printed (it ends in ?token=…)';
      $('conn').className = 'conn lost';
      return;
    }
    // An EventSource cannot send a header: the token goes in its query.
    const es = new EventSource('/events?token=' + encodeURIComponent(token));
    es.onopen = () => { $('conn').textContent = 'connected'; $('conn').className = 'conn ok'; };
    es.onmessage = (m) => {
      let f;
      try { f = JSON.parse(m.data); } catch { return; }
      stream.frames++;
      const sizes = f.graph && f.graph.full ? stream.wholeBytes : stream.changeBytes;
      sizes.push(m.data.length);
      if (sizes.length > 500) sizes.shift();
      render(f);
    };
    es.onerror = () => {
      const ended = frame && frame.ended;
      $('conn').textContent = ended ? 'server stopped (run over)' : 'reconnecting…';
      $('conn').className = 'conn lost';
      if (ended) es.close();
    };
  }

  // ---- one frame -----------------------------------------------------------------------
  function render(f) {
    frame = f;
    if (firstFrameAt == null) firstFrameAt = performance.now();
    applyGraph(f.graph);
    if (selected && !net.byId.has(selected)) selected = null;
    document.body.dataset.mode = f.mode;
    document.body.dataset.ended = f.ended ? '1' : '0';
    $('scenario').textContent = f.scenario || '';
    const badge = $('mode');
    badge.textContent = f.mode === 'real' ? (f.ended ? 'real · ended' : 'live · real nodes')
      : f.mode === 'sim' && f.manager ? 'live · simulator' : f.mode;
    badge.className = 'badge ' + f.mode;
    $('status').textContent = f.status || '';
    const condition = $('network');
    condition.hidden = !f.network;
    condition.textContent = f.network || '';

    drawSeeds();
    flashes(f);
    const c = f.counters;
    drawCounters(c, f);
    drawManager(f);
    drawReplay(f);
    drawMessages(f.messages);
    redraw($('degree-plot'), Plots.degreeCcdf, f.degrees);
    redraw($('latency-plot'), Plots.latencyCdf, f.latency, c.latencyP50, c.latencyP99);
    redraw($('timeline'), Plots.timeline, f.failures, f.t, f.tEnd);
    drawLog(f.log);
    drawNodeInfo();
  }

  // A plot drawn again only when what it shows changed: each part of the page drawn again costs the browser a repaint.
  function redraw(svg, plot, ...data) {
    const key = JSON.stringify(data);
    if (svg.dataset.shows === key) return;
    svg.dataset.shows = key;
    plot(svg, ...data);
  }

  // The frame's change into the picture, and to the graph view in addresses (it draws peers only).
  function applyGraph(g) {
    if (g.full) { net.byKey.clear(); net.byId.clear(); net.seeds.clear(); }
    const idOf = (k) => net.byKey.get(k)?.id;
    const closed = g.closed.map(([a, b]) => [idOf(a), idOf(b)]);
    const gone = [];
    for (const k of g.gone) {
      const n = net.byKey.get(k);
      if (!n) continue;
      net.byKey.delete(k); net.byId.delete(n.id); net.seeds.delete(k);
      if (!n.seed) gone.push(n.id);
    }
    const peers = [];
    for (const n of g.nodes) {
      if (n.rg) net.continents.add(n.rg);
      net.byKey.set(n.k, n);
      net.byId.set(n.id, n);
      if (n.seed) net.seeds.set(n.k, n); else peers.push(n);
    }
    const made = g.made.map(([a, b]) => [idOf(a), idOf(b)]);
    const ids = (pairs) => (pairs || []).map(([a, b, ...rest]) => [idOf(a), idOf(b), ...rest]);
    view.apply({ full: !!g.full, nodes: peers, gone, made, closed, modes: ids(g.modes), passive: ids(g.passive), passiveGone: ids(g.passiveGone) });
    if (net.continents.size > 0) { $('continents').hidden = false; drawContinents(); }
  }

  // Runs on the measured Internet: the peers' continents as a legend, shown while the peers are coloured by them.
  function drawContinents() {
    const legend = $('legend-continents');
    legend.hidden = !view.byContinent;
    const names = [...net.continents].sort();
    if (legend.dataset.names === names.join('|')) return;
    legend.dataset.names = names.join('|');
    legend.replaceChildren(...names.map((name) => {
      const item = document.createElement('span');
      const dot = document.createElement('i');
      dot.className = 'dot';
      dot.style.background = view.continentColours[name] || '';
      item.append(dot, ' ' + name);
      return item;
    }));
  }

  // Seeds are not in the overlay: a row above it, each selectable.
  function drawSeeds() {
    const row = $('seeds');
    const seeds = [...net.seeds.values()].sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    if (row.childElementCount !== seeds.length || seeds.some((n, i) => row.children[i].dataset.addr !== n.id)) {
      row.textContent = '';
      for (const n of seeds) {
        const b = document.createElement('button');
        b.type = 'button';
        b.dataset.addr = n.id;
        b.onclick = () => select(n.id);
        row.appendChild(b);
      }
    }
    seeds.forEach((n, i) => {
      const b = row.children[i];
      b.className = 'seed-chip ' + n.st + (n.sus ? ' sus' : '') + (selected === n.id ? ' selected' : '');
      b.dataset.state = n.st + (n.sus ? ' suspected' : '');
      b.textContent = `seed ${short(n.id)} · list ${n.m ?? 0}` + (n.st === 'crashed' ? ` · crashed ${secs(n.tc)}` : '');
      b.title = tooltip(n);
    });
  }

  function tooltip(n) {
    const lines = [`${n.seed ? 'seed' : 'peer'} ${n.id}`];
    if (n.seed) lines.push(`peer list: ${n.m ?? 0} peers`);
    else lines.push(`degree ${n.deg}`);
    lines.push(`state: ${n.st}${n.sus ? ', suspected' : ''}`);
    if (n.tc != null) lines.push(`crashed at ${secs(n.tc)}`);
    if (n.ts != null) lines.push(`suspected at ${secs(n.ts)}`);
    if (n.tr != null) lines.push(`reported dead at ${secs(n.tr)}`);
    return lines.join('\n');
  }

  function hover(id, n) {
    const tip = $('tip');
    if (!id || !n) { tip.hidden = true; return; }
    const p = view.position(id);
    const box = $('graph');
    tip.textContent = tooltip(n);
    tip.style.left = `${box.offsetLeft + p.x + 12}px`;
    tip.style.top = `${box.offsetTop + p.y + 12}px`;
    tip.hidden = false;
  }

  // The frame's crossings, lit in their order, spread over the frame's interval.
  function flashes(f) {
    if (!f.flashes || f.flashes.length === 0) return;
    const speed = f.mode === 'real' ? 1 : (f.speed || 1);
    const t0 = f.flashes[0][2], t1 = f.flashes[f.flashes.length - 1][2];
    const spanMs = (t1 - t0) * 1000 / speed;
    const squeeze = spanMs > 190 ? 190 / spanMs : 1;
    for (const [ka, kb, t, msg, dup] of f.flashes) {
      const a = net.byKey.get(ka), b = net.byKey.get(kb);
      if (!a || !b) continue;
      const delay = (t - t0) * 1000 / speed * squeeze;
      // While a message is followed, the others' crossings are not lit: its own path stands out.
      if (followed != null && followed !== msg) continue;
      setTimeout(() => view.flash(a.id, b.id, dup === 1 ? 'dup' : followed === msg ? 'followed' : 'gossip'), delay);
    }
  }

  // ---- side panels ---------------------------------------------------------------------
  function drawCounters(c, f) {
    const pct = (x) => (x * 100).toFixed(x >= 0.9995 ? 1 : 2) + ' %';
    const items = [
      ['peers up', c.peers.toLocaleString(), `${c.registered.toLocaleString()} registered`],
      ['seeds up', `${c.seedsUp} / ${c.seeds}`],
      ['links', c.links.toLocaleString()],
      ['messages', c.messages.toLocaleString()],
      ['deliveries', c.deliveries.toLocaleString()],
      ['delivery ratio so far', c.messages ? pct(c.deliveryRatio) : '—', 'messages in flight count as not yet delivered'],
      ['latency p50 / p99', c.deliveries ? `${Plots.fmtMs(c.latencyP50)} / ${Plots.fmtMs(c.latencyP99)}` : '—'],
      ['mean hops', c.deliveries ? c.hopsMean.toFixed(2) : '—'],
      ['duplicate links', c.duplicateLinks.toLocaleString(), 'links that carried a message twice (inferred from first receipts)'],
      // Only in a run whose protocol gives its edges modes (Plumtree's tree, HyParView's passive view).
      ...(c.treeLinks + c.lazyLinks > 0 ? [['tree · lazy links', `${c.treeLinks.toLocaleString()} · ${c.lazyLinks.toLocaleString()}`,
        'Plumtree: links that carry the payload (tree) and links that carry only announcements (lazy)']] : []),
      ...(c.passiveEntries > 0 ? [['passive entries', c.passiveEntries.toLocaleString(), 'peers known but not linked (a passive view)']] : []),
      ['events/s', c.eventsPerSecond.toLocaleString(), `${c.events.toLocaleString()} trace events so far`],
      ['crashed · suspected', `${c.crashed} · ${c.suspected}`, 'crashed and not yet removed; live peers suspected now'],
      ['removed', c.removed.toLocaleString(), 'peers removed from the seeds\' lists'],
    ];
    drawModeLegend(c);
    const dl = $('counters');
    if (dl.childElementCount !== items.length || items.some(([k], i) => dl.children[i].querySelector('dd').dataset.counter !== k)) {
      dl.textContent = '';
      for (const [k] of items) {
        const d = document.createElement('div');
        const dt = document.createElement('dt'); dt.textContent = k;
        const dd = document.createElement('dd'); dd.dataset.counter = k;
        d.append(dt, dd);
        dl.appendChild(d);
      }
    }
    items.forEach(([, value, hint], i) => {
      const dd = dl.children[i].querySelector('dd');
      dd.textContent = value;
      if (hint) dd.title = hint;
    });
  }

  // The edge styles' legend, only for the modes this run has.
  function drawModeLegend(c) {
    const modes = [];
    if (c.treeLinks + c.lazyLinks > 0) modes.push('tree', 'lazy');
    if (c.passiveEntries > 0) modes.push('passive');
    const legend = $('legend-modes');
    legend.hidden = modes.length === 0;
    legend.dataset.modes = modes.join(' ');
    for (const item of legend.querySelectorAll('[data-mode]')) item.hidden = !modes.includes(item.dataset.mode);
  }

  // The commands this run carries out (the frame's `commands`, the run's capabilities): buttons of the others are hidden.
  let managerCommands = new Set();
  let managerSeen = false; // once a run had a manager, its panel (and the last answer) stays, disabled after the end
  function drawManager(f) {
    const panel = $('manager');
    managerSeen = managerSeen || !!f.manager;
    panel.hidden = f.mode !== 'real' && !managerSeen;
    const on = !!f.manager;
    if (f.commands) managerCommands = new Set(f.commands);
    for (const b of panel.querySelectorAll('button[data-command]')) b.hidden = !managerCommands.has(b.dataset.command);
    $('partition-spec').hidden = $('btn-partition').hidden;
    $('add-n').hidden = $('btn-add').hidden;
    for (const b of panel.querySelectorAll('button')) {
      if (b.id === 'btn-kill' || b.id === 'btn-restart') continue;
      b.disabled = !on;
    }
    const sel = selected && net.byId.get(selected);
    $('btn-kill').disabled = !on || !sel || sel.st === 'crashed';
    $('btn-restart').disabled = !on || !sel || sel.st !== 'crashed';
  }

  // One manager command as typed JSON (see CommandJson on the server); `shown` is how the output names it.
  async function command(request, shown) {
    const out = $('manager-output');
    out.textContent = `> ${shown}\n…`;
    try {
      const r = await fetch('/api/command', {
        method: 'POST', headers: withToken({ 'Content-Type': 'application/json' }),
        body: JSON.stringify(request),
      });
      const body = await r.json();
      out.textContent = `> ${shown}\n` + (body.lines || []).join('\n');
    } catch (e) {
      out.textContent = `> ${shown}\nerror: ${e}`;
    }
  }

  // "seed:0,peers:0-4 | peers:5-9" -> [["seed:0","peers:0-4"],["peers:5-9"]]
  function partitionGroups(text) {
    return text.split('|').map(g => g.split(/[ ,]+/).filter(x => x)).filter(g => g.length);
  }

  function drawReplay(f) {
    const box = $('replay');
    box.hidden = !(f.mode === 'sim' || f.mode === 'replay');
    if (box.hidden) return;
    $('play').textContent = f.playing ? '❚❚' : '▶';
    // A simulation run live is computed as it is shown: no seeking until it ends, but steps while paused.
    const live = f.mode === 'sim' && !!f.manager;
    $('step').hidden = !live;
    $('step').disabled = f.playing;
    const slider = $('slider');
    slider.disabled = live;
    slider.max = String(Math.max(0.1, f.tEnd || 0));
    if (!sliderHeld) slider.value = String(f.t);
    $('clock').textContent = `${f.t.toFixed(1)} / ${(f.tEnd || 0).toFixed(1)} s`;
    const speed = $('speed');
    if (document.activeElement !== speed && Number(speed.value) !== f.speed) {
      if (![...speed.options].some(o => Number(o.value) === f.speed)) {
        const o = document.createElement('option'); o.value = String(f.speed); o.textContent = `${f.speed}×`; speed.appendChild(o);
      }
      speed.value = String(f.speed);
    }
  }

  async function control(action, value) {
    await fetch('/api/control', {
      method: 'POST', headers: withToken({ 'Content-Type': 'application/json' }),
      body: JSON.stringify(value === undefined ? { action } : { action, value }),
    });
  }

  function drawMessages(list) {
    const sel = $('msg-select');
    if (document.activeElement === sel) return;
    const want = ['', ...list.slice().reverse().map(m => String(m.i))];
    if (followed != null && !want.includes(String(followed))) want.splice(1, 0, String(followed));
    const have = [...sel.options].map(o => o.value);
    const byIndex = new Map(list.map(m => [String(m.i), m]));
    if (have.join(',') !== want.join(',')) {
      sel.textContent = '';
      for (const v of want) {
        const o = document.createElement('option');
        o.value = v;
        sel.appendChild(o);
      }
      sel.value = followed == null ? '' : String(followed);
    }
    for (const o of sel.options) {
      if (o.value === '') { o.textContent = '— every message —'; continue; }
      const m = byIndex.get(o.value);
      if (m) o.textContent = `#${m.i} ${m.label} · t=${m.t.toFixed(2)} s · reached ${m.reached}`;
    }
  }

  async function follow(index) {
    for (const t of spreadTimers) clearTimeout(t);
    spreadTimers = [];
    view.clearFollowed();
    followed = index;
    followedPath = null;
    drawMessages(frame ? frame.messages : []);
    $('msg-select').value = index == null ? '' : String(index);
    $('msg-again').disabled = index == null;
    if (index == null) { $('msg-info').textContent = ''; return; }
    const r = await fetch('/api/message?i=' + index, { headers: withToken() });
    const m = await r.json();
    if (m.error) { $('msg-info').textContent = m.error; return; }
    followedPath = m;
    spread();
  }

  // Replays the followed message's spread: its first receipts in order, each peer and the link it came by turning green.
  function spread() {
    const m = followedPath;
    if (!m) return;
    for (const t of spreadTimers) clearTimeout(t);
    view.clearFollowed();
    view.reach(null, m.origin);
    const span = Math.max(1e-6, m.spreadSeconds);
    const animMs = Math.min(5000, Math.max(1500, span * 1000));
    // Receipts due at the same animation tick are applied together (a 10,000-peer spread is 10,000 hops).
    const ticks = new Map();
    for (const hop of m.hops) {
      const at = Math.round(hop[2] / span * animMs / 16) * 16;
      if (!ticks.has(at)) ticks.set(at, []);
      ticks.get(at).push(hop);
    }
    spreadTimers = [...ticks].map(([at, hops]) => setTimeout(() => {
      for (const [from, to] of hops) { view.reach(from, to); view.flash(from, to, 'followed'); }
    }, at));
    const info = $('msg-info');
    info.innerHTML = '';
    const b = document.createElement('b'); b.textContent = m.label;
    info.append(b, document.createTextNode(
      ` from ${m.origin}, created at ${secs(m.t)}: reached ${m.reached} peers (${m.livePeers} up now) in ${Plots.fmtMs(m.spreadSeconds)}, ` +
      `at most ${m.maxHops} hops; ${m.duplicateLinks} links carried it twice (inferred). ` +
      (m.pathKept ? '' : 'Its path was forgotten (memory bound); the counts stand.')));
  }

  function drawLog(log) {
    const ol = $('log');
    const key = log.length ? `${log.length}|${log[log.length - 1].t}|${log[log.length - 1].text}` : '';
    if (ol.dataset.key === key) return;
    ol.dataset.key = key;
    ol.textContent = '';
    for (const l of log.slice().reverse()) {
      const li = document.createElement('li');
      li.className = l.kind;
      const t = document.createElement('span'); t.className = 't'; t.textContent = `${l.t.toFixed(2)} s`;
      li.append(t, document.createTextNode(' ' + l.text));
      ol.appendChild(li);
    }
  }

  function select(id) {
    selected = id;
    view.select(id && net.byId.get(id) && !net.byId.get(id).seed ? id : null);
    if (frame) { drawSeeds(); drawManager(frame); }
    drawNodeInfo();
  }

  function drawNodeInfo() {
    const box = $('node-info');
    const n = selected && net.byId.get(selected);
    if (!n) { box.textContent = 'click a node'; return; }
    box.innerHTML = '';
    const b = document.createElement('b'); b.textContent = `${n.seed ? 'seed' : 'peer'} ${n.id}`;
    const parts = [];
    if (n.seed) parts.push(`its peer list holds ${n.m ?? 0} peers`);
    else parts.push(`degree ${n.deg}`);
    parts.push(n.st + (n.sus ? ', suspected' : ''));
    const modes = n.seed ? null : view.modesOf(n.id);
    if (modes && modes.tree + modes.lazy > 0) parts.push(`links: ${modes.tree} tree, ${modes.lazy} lazy`);
    if (modes && modes.passive > 0) parts.push(`${modes.passive} passive`);
    if (n.tc != null) parts.push(`crashed at ${secs(n.tc)}`);
    if (n.ts != null) parts.push(`suspected at ${secs(n.ts)}`);
    if (n.tr != null) parts.push(`reported dead at ${secs(n.tr)}`);
    box.append(b, document.createTextNode(': ' + parts.join(' · ')));
  }

  // ---- controls ------------------------------------------------------------------------
  $('btn-list').onclick = () => command({ command: 'list' }, 'list');
  $('btn-add').onclick = () => { const n = Math.max(1, Math.min(50, Number($('add-n').value) || 1)); command({ command: 'add', count: n }, `add ${n}`); };
  $('btn-kill').onclick = () => { if (selected) command({ command: 'kill', target: selected }, `kill ${selected}`); };
  $('btn-kill-hub').onclick = () => command({ command: 'kill', target: 'hub' }, 'kill hub');
  $('btn-restart').onclick = () => { if (selected) command({ command: 'restart', target: selected }, `restart ${selected}`); };
  $('btn-partition').onclick = () => { const spec = $('partition-spec').value.trim(); command({ command: 'partition', groups: partitionGroups(spec), oneWay: false }, `partition ${spec}`); };
  $('btn-heal').onclick = () => command({ command: 'heal' }, 'heal');
  $('btn-quit').onclick = () => command({ command: 'quit' }, 'quit');
  $('btn-send').onclick = () => { const c = $('command').value.trim(); if (c) command({ line: c }, c); };
  $('command').addEventListener('keydown', (e) => { if (e.key === 'Enter') $('btn-send').click(); });
  $('play').onclick = () => control(frame && frame.playing ? 'pause' : 'play');
  $('speed').onchange = (e) => control('speed', Number(e.target.value));
  $('step').onclick = () => control('step', 1);
  const slider = $('slider');
  slider.addEventListener('pointerdown', () => { sliderHeld = true; });
  slider.addEventListener('input', () => { $('clock').textContent = `${Number(slider.value).toFixed(1)} / ${(frame && frame.tEnd || 0).toFixed(1)} s`; });
  slider.addEventListener('change', () => { control('seek', Number(slider.value)); sliderHeld = false; });
  $('msg-select').onchange = (e) => follow(e.target.value === '' ? null : Number(e.target.value));
  $('msg-again').onclick = () => spread();
  $('layout').onclick = () => view.toggleLayout();
  $('continents').onclick = () => {
    view.colourByContinent(!view.byContinent);
    $('continents').setAttribute('aria-pressed', view.byContinent ? 'true' : 'false');
    drawContinents();
  };

  // For tests and the curious: the latest frame, the picture the frames built, and what the graph view draws.
  window.gossipsim = {
    get frame() { return frame; },
    /** Every seed and peer in the picture now, and one by address. */
    nodes: () => [...net.byId.values()],
    node: (id) => net.byId.get(id) || null,
    /** Frames received, and the length of each (the whole picture apart from the changes). */
    stream,
    select, follow,
    graph: {
      get peers() { return view.graph.order; },
      get links() { return view.graph.size; },
      get renders() { return view.renders; },
      get layoutRunning() { return view.layoutRunning; },
      get layoutIterations() { return view.layoutIterations; },
      /** Changes received and not yet made (the view makes them at its next animation frame), and links still shown just made or closed. */
      get pending() { return view.pending.length; },
      get changing() { return view.linkChanges.size; },
      /** Where the page's time went: changes made and ms making them, sigma re-indexings, ms rendering (script side). */
      get cost() { return { ...view.cost }; },
      /** ms from navigation start to the first render that held every peer of the frame; and to the first frame. */
      get firstFullRenderMs() { return view.firstFullRender; },
      get firstFrameMs() { return firstFrameAt; },
      has: (id) => view.graph.hasNode(id),
      /** A peer as drawn: its colour, size and label after the reducers, and where it is on screen. */
      node(id) {
        if (!view.graph.hasNode(id)) return null;
        const d = view.sigma.getNodeDisplayData(id);
        const p = view.position(id);
        return { color: d.color, size: d.size, label: d.label || null, x: p.x, y: p.y, reached: view.reached.has(id) };
      },
      reachedCount: () => view.reached.size,
      /** Links drawn in each mode, and passive entries drawn (0 in a run whose edges have no modes). */
      get modes() { return { ...view.modeCount, passive: view.passive.size, dashed: view.dashed }; },
      /** A peer's links as drawn (either end holding one draws it); null for a peer not drawn. */
      degree: (id) => (view.graph.hasNode(id) ? view.graph.degree(id) : null),
      /** The passive entries drawn, as [holder, entry]. */
      passiveEntries: () => [...view.passive.values()],
      linked: (a, b) => !!view.keyOf(a, b),
    },
  };

  connect();
})();
