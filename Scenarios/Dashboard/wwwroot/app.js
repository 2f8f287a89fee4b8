// GossipSim dashboard: draws the frames the server pushes (server-sent events on /events).
// Every frame holds the whole drawn picture; the page keeps SVG elements keyed by node
// address and link, so nodes glide to their new places, links fade in and out, and the
// gossip crossings of each frame light up in their order.
'use strict';

(() => {
  const NS = 'http://www.w3.org/2000/svg';
  const $ = id => document.getElementById(id);
  const svg = $('graph');
  const layers = { edges: $('edges'), ghosts: $('ghosts'), flashes: $('flashes'), nodes: $('nodes'), labels: $('labels') };

  const nodes = new Map();   // address -> { g, shape, label, x, y, tx, ty, data }
  const edges = new Map();   // "a|b" -> { line, a, b }
  let frame = null;
  let selected = null;       // address of the selected node
  let followed = null;       // index of the followed message, or null
  let followedPath = null;   // its /api/message answer
  let liveFlashes = 0;
  let sliderHeld = false;
  const MAX_FLASH_ELEMENTS = 700;
  const litFlashes = new Set();    // flashes on screen: { line, a, b }

  function make(parent, name, attrs) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }

  // Size by degree; smaller when many peers are drawn, so a few hundred still leave the links visible.
  let density = 1;
  const radius = (n) => n.seed ? 9 : density * Math.min(26, 4 + 2.1 * Math.sqrt(Math.max(0, n.deg)));
  const short = (addr) => addr.startsWith('127.0.0.1:') ? ':' + addr.slice(10) : addr;
  const secs = (t) => t == null ? '—' : `${t.toFixed(t < 100 ? 2 : 1)} s`;

  // ---- the stream ----------------------------------------------------------------------
  function connect() {
    const es = new EventSource('/events');
    es.onopen = () => { $('conn').textContent = 'connected'; $('conn').className = 'conn ok'; };
    es.onmessage = (m) => {
      let f;
      try { f = JSON.parse(m.data); } catch { return; }
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
    const prev = frame;
    frame = f;
    document.body.dataset.mode = f.mode;
    document.body.dataset.ended = f.ended ? '1' : '0';
    $('scenario').textContent = f.scenario || '';
    const badge = $('mode');
    badge.textContent = f.mode === 'real' ? (f.ended ? 'real · ended' : 'live · real nodes')
      : f.mode === 'sim' && f.manager ? 'live · simulator' : f.mode;
    badge.className = 'badge ' + f.mode;
    $('status').textContent = f.status || '';
    const net = $('network');
    net.hidden = !f.network;
    net.textContent = f.network || '';

    drawGraph(f, prev);
    drawCounters(f.counters, f);
    drawManager(f);
    drawReplay(f);
    drawMessages(f.messages);
    Plots.degreeCcdf($('degree-plot'), f.degrees);
    Plots.latencyCdf($('latency-plot'), f.latency, f.counters.latencyP50, f.counters.latencyP99);
    Plots.timeline($('timeline'), f.failures, f.t, f.tEnd);
    drawLog(f.log);
    drawNodeInfo();
  }

  function drawGraph(f, prev) {
    const seen = new Set();
    const peersDrawn = f.nodes.filter(n => !n.seed).length;
    density = Math.min(1, Math.max(0.35, Math.sqrt(40 / Math.max(1, peersDrawn))));
    f.nodes.forEach((n, i) => {
      seen.add(n.id);
      let v = nodes.get(n.id);
      if (!v) {
        const g = make(layers.nodes, 'g', { class: 'node appear', 'data-addr': n.id });
        const shape = n.seed ? make(g, 'rect', {}) : make(g, 'circle', {});
        const tip = make(g, 'title', {});
        const label = make(layers.labels, 'text', { class: 'label', 'text-anchor': 'middle' });
        g.addEventListener('click', (ev) => { ev.stopPropagation(); select(n.id); });
        v = { g, shape, tip, label, x: n.x, y: n.y, tx: n.x, ty: n.y, data: n };
        nodes.set(n.id, v);
        place(v);
      }
      v.data = n;
      v.index = i;
      v.tx = n.x; v.ty = n.y;
      const r = radius(n);
      if (n.seed) {
        v.shape.setAttribute('x', -r); v.shape.setAttribute('y', -r);
        v.shape.setAttribute('width', 2 * r); v.shape.setAttribute('height', 2 * r);
        v.shape.setAttribute('transform', 'rotate(45)');
      } else {
        v.shape.setAttribute('r', r);
      }
      const cls = ['node', n.seed ? 'seed' : 'peer', n.st];
      if (n.sus) cls.push('sus');
      if (selected === n.id) cls.push('selected');
      if (v.reached) cls.push('reached');
      const failing = n.st === 'crashed' || n.sus;
      if (failing && !v.failing) layers.nodes.appendChild(v.g); // failing nodes on top, where they can be seen
      v.failing = failing;
      v.g.setAttribute('class', cls.join(' '));
      v.g.dataset.state = n.st + (n.sus ? ' suspected' : '');
      v.g.dataset.degree = n.deg;
      v.tip.textContent = tooltip(n);
      labelFor(v, n, r);
      place(v);
    });
    for (const [id, v] of nodes) {
      if (seen.has(id)) continue;
      ghost(v);
      v.g.remove();
      v.label.remove();
      nodes.delete(id);
      if (selected === id) { selected = null; }
    }

    const keep = new Set();
    for (const [ia, ib] of f.edges) {
      const a = f.nodes[ia].id, b = f.nodes[ib].id;
      const key = a + '|' + b;
      keep.add(key);
      if (!edges.has(key)) {
        const line = make(layers.edges, 'line', { class: prev ? 'edge new' : 'edge' });
        edges.set(key, { line, a, b });
        line.addEventListener('animationend', () => line.setAttribute('class', 'edge'), { once: true });
        positionLine(line, nodes.get(a), nodes.get(b));
      }
    }
    for (const [key, e] of edges) {
      if (keep.has(key)) continue;
      const va = nodes.get(e.a), vb = nodes.get(e.b);
      e.line.remove();
      edges.delete(key);
      if (va && vb) {
        const g = make(layers.ghosts, 'line', { class: 'edge-gone' });
        positionLine(g, va, vb);
        g.addEventListener('animationend', () => g.remove(), { once: true });
      }
    }

    flashes(f);
    const c = f.counters;
    $('aggregate').textContent = c.visiblePeers > c.drawnPeers
      ? `drawn: ${c.drawnPeers.toLocaleString()} of ${c.visiblePeers.toLocaleString()} peers (highest degree first), ${c.drawnLinks.toLocaleString()} of ${c.links.toLocaleString()} links; the rest are counted`
      : '';
  }

  function tooltip(n) {
    const lines = [`${n.seed ? 'seed' : 'peer'} ${n.id}`];
    if (n.seed) lines.push(`peer list: ${n.m ?? 0} peers`);
    else lines.push(`degree ${n.deg}${n.hid ? ` (${n.hid} neighbours not drawn)` : ''}`);
    lines.push(`state: ${n.st}${n.sus ? ', suspected' : ''}`);
    if (n.tc != null) lines.push(`crashed at ${secs(n.tc)}`);
    if (n.ts != null) lines.push(`suspected at ${secs(n.ts)}`);
    if (n.tr != null) lines.push(`reported dead at ${secs(n.tr)}`);
    return lines.join('\n');
  }

  // Labels: seeds, failing nodes (with their times), the biggest hubs, the selected node.
  function labelFor(v, n, r) {
    let text = '', cls = 'label';
    const topHub = !n.seed && frame.nodes.length < 120 && n.deg >= hubThreshold();
    if (n.seed) { text = `seed ${short(n.id)} · list ${n.m ?? 0}`; cls += ' seed'; }
    else if (n.st === 'crashed') { text = `✕ ${short(n.id)} crashed ${secs(n.tc)}` + (n.ts != null ? `, suspected ${secs(n.ts)}` : ''); cls += ' crashed'; }
    else if (n.sus) { text = `? ${short(n.id)} suspected ${secs(n.ts)}`; cls += ' sus'; }
    else if (selected === n.id || topHub) text = short(n.id);
    v.label.textContent = text;
    v.label.setAttribute('class', cls);
    v.labelDy = n.seed ? -14 : -(r + 4);
  }

  let hubCache = { seq: -1, value: Infinity };
  function hubThreshold() {
    if (hubCache.seq === frame.seq) return hubCache.value;
    const degs = frame.nodes.filter(n => !n.seed).map(n => n.deg).sort((a, b) => b - a);
    hubCache = { seq: frame.seq, value: degs.length > 3 ? Math.max(1, degs[2]) : Infinity };
    return hubCache.value;
  }

  function ghost(v) {
    const r = radius(v.data);
    const c = make(layers.ghosts, 'circle', { cx: v.x, cy: v.y, r, class: 'ghost' });
    c.addEventListener('animationend', () => c.remove(), { once: true });
  }

  // The frame's crossings, lit in their order, spread over the frame's interval.
  function flashes(f) {
    if (!f.flashes || f.flashes.length === 0) return;
    const speed = f.mode === 'real' ? 1 : (f.speed || 1);
    const t0 = f.flashes[0][2], t1 = f.flashes[f.flashes.length - 1][2];
    const spanMs = (t1 - t0) * 1000 / speed;
    const squeeze = spanMs > 190 ? 190 / spanMs : 1;
    for (const [ia, ib, t, msg, dup] of f.flashes) {
      const a = f.nodes[ia], b = f.nodes[ib];
      if (!a || !b) continue;
      const delay = (t - t0) * 1000 / speed * squeeze;
      setTimeout(() => flash(a.id, b.id, dup === 1, followed === msg ? 'sel' : (followed != null ? 'dim' : '')), delay);
    }
  }

  function flash(a, b, dup, extra) {
    if (liveFlashes >= MAX_FLASH_ELEMENTS && extra !== 'sel') return;
    const va = nodes.get(a), vb = nodes.get(b);
    if (!va || !vb) return;
    const line = make(layers.flashes, 'line', { class: 'flash' + (dup ? ' dup' : '') + (extra ? ' ' + extra : '') });
    positionLine(line, va, vb);
    const lit = { line, a, b };
    litFlashes.add(lit); // it follows its ends while they glide
    liveFlashes++;
    line.addEventListener('animationend', () => { line.remove(); litFlashes.delete(lit); liveFlashes--; }, { once: true });
  }

  function positionLine(line, va, vb) {
    if (!va || !vb) return;
    line.setAttribute('x1', va.x.toFixed(1)); line.setAttribute('y1', va.y.toFixed(1));
    line.setAttribute('x2', vb.x.toFixed(1)); line.setAttribute('y2', vb.y.toFixed(1));
  }

  function place(v) {
    v.g.setAttribute('transform', `translate(${v.x.toFixed(1)},${v.y.toFixed(1)})`);
    v.label.setAttribute('x', v.x.toFixed(1));
    v.label.setAttribute('y', (v.y + (v.labelDy || -10)).toFixed(1));
  }

  // Nodes glide to the layout's positions; links follow them.
  function animate() {
    let moved = false;
    for (const v of nodes.values()) {
      const dx = v.tx - v.x, dy = v.ty - v.y;
      if (Math.abs(dx) > 0.05 || Math.abs(dy) > 0.05) {
        v.x += dx * 0.2; v.y += dy * 0.2;
        moved = true;
        place(v);
      }
    }
    if (moved) {
      for (const e of edges.values()) positionLine(e.line, nodes.get(e.a), nodes.get(e.b));
      for (const f of litFlashes) positionLine(f.line, nodes.get(f.a), nodes.get(f.b));
    }
    requestAnimationFrame(animate);
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
      ['events/s', c.eventsPerSecond.toLocaleString(), `${c.events.toLocaleString()} trace events so far`],
      ['crashed · suspected', `${c.crashed} · ${c.suspected}`, 'crashed and not yet removed; live peers suspected now'],
      ['removed', c.removed.toLocaleString(), 'peers removed from the seeds\' lists'],
    ];
    const dl = $('counters');
    if (dl.childElementCount !== items.length) {
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
    const sel = selected && nodes.get(selected);
    $('btn-kill').disabled = !on || !sel || sel.data.st === 'crashed';
    $('btn-restart').disabled = !on || !sel || sel.data.st !== 'crashed';
  }

  // One manager command as typed JSON (see CommandJson on the server); `shown` is how the output names it.
  async function command(request, shown) {
    const out = $('manager-output');
    out.textContent = `> ${shown}\n…`;
    try {
      const r = await fetch('/api/command', {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'X-GossipSim': '1' },
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
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-GossipSim': '1' },
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
    for (const v of nodes.values()) v.reached = false;
    followed = index;
    followedPath = null;
    $('msg-again').disabled = index == null;
    if (index == null) { $('msg-info').textContent = ''; return; }
    const r = await fetch('/api/message?i=' + index);
    const m = await r.json();
    if (m.error) { $('msg-info').textContent = m.error; return; }
    followedPath = m;
    spread();
  }

  // Replays the followed message's spread: its first receipts in order, each link lit green.
  function spread() {
    const m = followedPath;
    if (!m) return;
    for (const v of nodes.values()) v.reached = false;
    const origin = nodes.get(m.origin);
    if (origin) origin.reached = true;
    const span = Math.max(1e-6, m.spreadSeconds);
    const animMs = Math.min(5000, Math.max(1500, span * 1000));
    for (const [from, to, dt] of m.hops) {
      setTimeout(() => {
        flash(from, to, false, 'sel');
        const v = nodes.get(to);
        if (v) { v.reached = true; v.g.classList.add('reached'); }
      }, dt / span * animMs);
    }
    const info = $('msg-info');
    info.innerHTML = '';
    const b = document.createElement('b'); b.textContent = m.label;
    info.append(b, document.createTextNode(
      ` from ${m.origin}, created at ${secs(m.t)}: reached ${m.reached} peers (${m.livePeers} up now) in ${Plots.fmtMs(m.spreadSeconds)}, ` +
      `at most ${m.maxHops} hops; ${m.duplicateLinks} links carried it twice (inferred). ` +
      (m.pathKept ? `${m.hops.length} of its hops are between drawn nodes.` : 'Its path was forgotten (memory bound); the counts stand.')));
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
    for (const [k, v] of nodes) v.g.classList.toggle('selected', k === id);
    drawNodeInfo();
    if (frame) drawManager(frame);
  }

  function drawNodeInfo() {
    const box = $('node-info');
    const v = selected && nodes.get(selected);
    if (!v) { box.textContent = 'click a node'; return; }
    const n = v.data;
    box.innerHTML = '';
    const b = document.createElement('b'); b.textContent = `${n.seed ? 'seed' : 'peer'} ${n.id}`;
    const parts = [];
    if (n.seed) parts.push(`its peer list holds ${n.m ?? 0} peers`);
    else parts.push(`degree ${n.deg}` + (n.hid ? ` (${n.hid} neighbours not drawn)` : ''));
    parts.push(n.st + (n.sus ? ', suspected' : ''));
    if (n.tc != null) parts.push(`crashed at ${secs(n.tc)}`);
    if (n.ts != null) parts.push(`suspected at ${secs(n.ts)}`);
    if (n.tr != null) parts.push(`reported dead at ${secs(n.tr)}`);
    box.append(b, document.createTextNode(': ' + parts.join(' · ')));
  }

  // ---- controls ------------------------------------------------------------------------
  svg.addEventListener('click', () => select(null));
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

  // For tests and the curious: the latest frame.
  window.gossipsim = { get frame() { return frame; }, select, follow };

  connect();
  requestAnimationFrame(animate);
})();
