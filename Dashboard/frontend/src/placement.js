// Where peers are drawn before any layout has run. A picture arriving whole is laid out at once
// as a radial tree: breadth first from the peer of highest degree, each peer's subtree a wedge of
// its parent's, rings outwards by hops, each ring as wide as its peers need for an even density.
// Linked peers are near each other and the hubs in the middle, which is where ForceAtlas2 would
// take them, so a 10,000-peer picture is readable from its first render without a layout running.
// Newcomers to a placed picture go beside their placed neighbours.

// A peer's fixed share of its ring's width (a hash of its address, so the picture is the same each time).
function spreadOf(id) {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return ((h >>> 0) % 1024 + 0.5) / 1024;
}

/** Places `fresh` (a set of node ids in `graph`, emptied as they are placed) within about `extent` of the origin. */
export function placeNew(graph, fresh, extent) {
  for (const id of fresh) {
    let sx = 0, sy = 0, k = 0;
    graph.forEachNeighbor(id, (m, a) => { if (!fresh.has(m)) { sx += a.x; sy += a.y; k++; } });
    if (k === 0) continue;
    const angle = spreadOf(id) * 2 * Math.PI, r = extent * 0.02;
    graph.mergeNodeAttributes(id, { x: sx / k + r * Math.cos(angle), y: sy / k + r * Math.sin(angle) });
    fresh.delete(id);
  }
  if (fresh.size > 0) placeRadially(graph, fresh, extent);
  fresh.clear();
}

// The radial tree over `ids` (none placed yet): one breadth-first tree per component, the
// components' roots sharing the centre's turn by their sizes.
function placeRadially(graph, ids, extent) {
  const todo = new Set(ids);
  const parent = new Map(), depth = new Map(), order = [];
  const roots = [...ids].sort((a, b) => graph.degree(b) - graph.degree(a));
  for (const root of roots) {
    if (!todo.has(root)) continue;
    todo.delete(root);
    parent.set(root, null); depth.set(root, 0); order.push(root);
    for (let i = order.length - 1; i < order.length; i++) {
      const id = order[i];
      graph.forEachNeighbor(id, (m) => {
        if (!todo.has(m)) return;
        todo.delete(m);
        parent.set(m, id); depth.set(m, depth.get(id) + 1); order.push(m);
      });
    }
  }
  // Subtree sizes (children come after their parent in breadth-first order), then children lists in that order.
  const size = new Map(order.map(id => [id, 1]));
  for (let i = order.length - 1; i >= 0; i--) { const p = parent.get(order[i]); if (p != null) size.set(p, size.get(p) + size.get(order[i])); }
  const children = new Map();
  for (const id of order) { const p = parent.get(id); if (p != null) { if (!children.has(p)) children.set(p, []); children.get(p).push(id); } }
  // Ring d holds the peers d hops from their root; its band's area is its share of the peers.
  const perRing = [];
  for (const id of order) { const d = depth.get(id); perRing[d] = (perRing[d] || 0) + 1; }
  const inner = [];
  perRing.reduce((sum, c, d) => { inner[d] = sum; return sum + c; }, 0);
  const n = order.length, radius = extent / 2;
  const wedge = new Map();
  let turn = 0;
  for (const id of order) if (parent.get(id) == null) { wedge.set(id, [turn, turn + size.get(id) / n]); turn += size.get(id) / n; }
  for (const id of order) {
    const [from, to] = wedge.get(id);
    let at = from;
    for (const c of children.get(id) || []) { const share = (to - from) * size.get(c) / (size.get(id) - 1); wedge.set(c, [at, at + share]); at += share; }
    const d = depth.get(id);
    const r = radius * Math.sqrt((inner[d] + spreadOf(id) * perRing[d]) / n);
    const angle = Math.PI * (from + to); // the wedge's middle, in turns times 2π
    graph.mergeNodeAttributes(id, { x: r * Math.cos(angle), y: r * Math.sin(angle) });
  }
}
