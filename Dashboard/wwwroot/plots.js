// Small SVG plots for the dashboard: no library, so the page works offline.
'use strict';

const Plots = (() => {
  const NS = 'http://www.w3.org/2000/svg';

  function el(parent, name, attrs, text) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    parent.appendChild(e);
    return e;
  }

  function clear(svg) { while (svg.firstChild) svg.removeChild(svg.firstChild); }

  // Powers of ten between lo and hi (both > 0), for log axes.
  function decades(lo, hi) {
    const out = [];
    for (let p = Math.floor(Math.log10(lo)); p <= Math.ceil(Math.log10(hi)); p++) out.push(Math.pow(10, p));
    return out;
  }

  function fmt(v) {
    if (v >= 1000) return (v / 1000) + 'k';
    if (v >= 1) return String(+v.toPrecision(3));
    return String(+v.toPrecision(2));
  }

  // A log-log frame: returns mapping functions. Box is the plot area inside the SVG.
  function logFrame(svg, xlo, xhi, ylo, yhi, xlabel, ylabel) {
    const box = { l: 34, r: 232, t: 8, b: 146 };
    const lx0 = Math.log10(xlo), lx1 = Math.log10(xhi), ly0 = Math.log10(ylo), ly1 = Math.log10(yhi);
    const X = v => box.l + (Math.log10(v) - lx0) / Math.max(1e-9, lx1 - lx0) * (box.r - box.l);
    const Y = v => box.b - (Math.log10(v) - ly0) / Math.max(1e-9, ly1 - ly0) * (box.b - box.t);
    for (const d of decades(xlo, xhi)) {
      if (d < xlo * 0.999 || d > xhi * 1.001) continue;
      el(svg, 'line', { x1: X(d), x2: X(d), y1: box.t, y2: box.b, class: 'grid' });
      el(svg, 'text', { x: X(d), y: box.b + 11, 'text-anchor': 'middle', class: 'tick' }, fmt(d));
    }
    for (const d of decades(ylo, yhi)) {
      if (d < ylo * 0.999 || d > yhi * 1.001) continue;
      el(svg, 'line', { x1: box.l, x2: box.r, y1: Y(d), y2: Y(d), class: 'grid' });
      el(svg, 'text', { x: box.l - 3, y: Y(d) + 3, 'text-anchor': 'end', class: 'tick' }, fmt(d));
    }
    el(svg, 'line', { x1: box.l, x2: box.r, y1: box.b, y2: box.b, class: 'axis' });
    el(svg, 'line', { x1: box.l, x2: box.l, y1: box.t, y2: box.b, class: 'axis' });
    el(svg, 'text', { x: (box.l + box.r) / 2, y: 168, 'text-anchor': 'middle', class: 'plot-title' }, xlabel);
    el(svg, 'text', { x: 9, y: (box.t + box.b) / 2, 'text-anchor': 'middle', class: 'plot-title', transform: `rotate(-90 9 ${(box.t + box.b) / 2})` }, ylabel);
    return { X, Y, box };
  }

  // degrees: [[degree, count], ...]. Plots P(D >= d) on log-log axes.
  function degreeCcdf(svg, degrees) {
    clear(svg);
    const pts = degrees.filter(d => d[0] > 0 && d[1] > 0).sort((a, b) => a[0] - b[0]);
    const total = pts.reduce((s, d) => s + d[1], 0);
    if (pts.length === 0 || total === 0) {
      el(svg, 'text', { x: 120, y: 85, 'text-anchor': 'middle', class: 'empty' }, 'no linked peers yet');
      return;
    }
    let above = total;
    const ccdf = pts.map(([d, c]) => { const p = above / total; above -= c; return [d, p]; });
    const xhi = Math.max(10, pts[pts.length - 1][0] * 1.3);
    const ylo = Math.min(0.1, Math.pow(10, Math.floor(Math.log10(1 / total))));
    const f = logFrame(svg, 1, xhi, ylo, 1, 'degree', 'P(D ≥ d)');
    for (const [d, p] of ccdf) el(svg, 'circle', { cx: f.X(d), cy: f.Y(p), r: 2.6, class: 'pt' });
    el(svg, 'text', { x: f.box.r, y: f.box.t + 9, 'text-anchor': 'end', class: 'tick' }, `${total} peers, max ${pts[pts.length - 1][0]}`);
  }

  // cdf: [[seconds, fraction], ...]. Plots the fraction of deliveries within a latency, log x in ms.
  function latencyCdf(svg, cdf, p50, p99) {
    clear(svg);
    const pts = cdf.filter(p => p[0] > 0);
    if (pts.length === 0) {
      el(svg, 'text', { x: 120, y: 85, 'text-anchor': 'middle', class: 'empty' }, 'no deliveries yet');
      return;
    }
    const ms = pts.map(p => [p[0] * 1000, p[1]]);
    const xlo = Math.pow(10, Math.floor(Math.log10(ms[0][0])));
    const xhi = Math.max(xlo * 10, Math.pow(10, Math.ceil(Math.log10(ms[ms.length - 1][0]))));
    const box = { l: 34, r: 232, t: 8, b: 146 };
    const lx0 = Math.log10(xlo), lx1 = Math.log10(xhi);
    const X = v => box.l + (Math.log10(v) - lx0) / (lx1 - lx0) * (box.r - box.l);
    const Y = v => box.b - v * (box.b - box.t);
    for (const d of decades(xlo, xhi)) {
      el(svg, 'line', { x1: X(d), x2: X(d), y1: box.t, y2: box.b, class: 'grid' });
      el(svg, 'text', { x: X(d), y: box.b + 11, 'text-anchor': 'middle', class: 'tick' }, fmt(d));
    }
    for (const q of [0, 0.25, 0.5, 0.75, 1]) {
      el(svg, 'line', { x1: box.l, x2: box.r, y1: Y(q), y2: Y(q), class: 'grid' });
      el(svg, 'text', { x: box.l - 3, y: Y(q) + 3, 'text-anchor': 'end', class: 'tick' }, String(q));
    }
    el(svg, 'line', { x1: box.l, x2: box.r, y1: box.b, y2: box.b, class: 'axis' });
    el(svg, 'line', { x1: box.l, x2: box.l, y1: box.t, y2: box.b, class: 'axis' });
    let d = `M${X(ms[0][0])},${Y(0)}`;
    let prev = 0;
    for (const [x, y] of ms) { d += ` L${X(x)},${Y(prev)} L${X(x)},${Y(y)}`; prev = y; }
    el(svg, 'path', { d, class: 'cdf' });
    for (const [q, v] of [['p50', p50], ['p99', p99]]) {
      if (!(v > 0)) continue;
      const x = Math.min(box.r, Math.max(box.l, X(v * 1000)));
      el(svg, 'line', { x1: x, x2: x, y1: box.t, y2: box.b, class: 'mark' });
      const right = x > box.r - 60;
      el(svg, 'text', { x: right ? x - 2 : x + 2, y: q === 'p50' ? box.t + 62 : box.t + 9, 'text-anchor': right ? 'end' : 'start', class: 'tick' }, `${q} ${fmtMs(v)}`);
    }
    el(svg, 'text', { x: (box.l + box.r) / 2, y: 168, 'text-anchor': 'middle', class: 'plot-title' }, 'latency (ms), creation to first receipt');
    el(svg, 'text', { x: 9, y: 77, 'text-anchor': 'middle', class: 'plot-title', transform: 'rotate(-90 9 77)' }, 'fraction');
  }

  function fmtMs(s) {
    const m = s * 1000;
    return m >= 100 ? `${m.toFixed(0)} ms` : m >= 10 ? `${m.toFixed(1)} ms` : `${m.toFixed(2)} ms`;
  }

  // failures: [{node, role, degree, at, suspectedAt, reportedAt, removedAt}], now and end in run seconds.
  function timeline(svg, failures, now, end) {
    clear(svg);
    const rows = failures.slice(-6);
    const height = Math.max(60, 26 + rows.length * 18);
    svg.setAttribute('viewBox', `0 0 1000 ${height}`);
    svg.style.height = `${height * 0.9}px`;
    const l = 190, r = 985, top = 8, bottom = height - 16;
    const last = Math.max(end || 0, now || 0, ...rows.map(f => Math.max(f.at, f.removedAt || 0)), 1);
    const X = t => l + Math.max(0, t) / last * (r - l);
    const step = niceStep(last / 10);
    for (let t = 0; t <= last + 1e-9; t += step) {
      el(svg, 'line', { x1: X(t), x2: X(t), y1: top, y2: bottom, class: 'grid' });
      el(svg, 'text', { x: X(t), y: height - 4, 'text-anchor': 'middle', class: 'tick' }, `${+t.toFixed(2)} s`);
    }
    if (rows.length === 0) {
      el(svg, 'text', { x: l + 10, y: top + 22, class: 'empty' }, 'no crash yet');
    }
    rows.forEach((f, i) => {
      const y = top + 12 + i * 18;
      el(svg, 'text', { x: 4, y: y + 4, class: 'tl-row' }, `${f.role} ${f.node} (deg ${f.degree})`);
      const endT = f.removedAt != null ? f.removedAt : (now != null ? now : f.at);
      el(svg, 'line', { x1: X(f.at), x2: X(Math.max(f.at, endT)), y1: y, y2: y, class: 'tl-span' });
      el(svg, 'path', { d: `M${X(f.at) - 5},${y - 5} l10,10 m0,-10 l-10,10`, class: 'tl-crash' }).appendChild(title(`crashed at ${f.at.toFixed(2)} s`));
      if (f.suspectedAt != null) el(svg, 'path', { d: `M${X(f.suspectedAt)},${y - 6} l6,6 l-6,6 l-6,-6 z`, class: 'tl-sus' }).appendChild(title(`suspected at ${f.suspectedAt.toFixed(2)} s`));
      if (f.reportedAt != null) el(svg, 'path', { d: `M${X(f.reportedAt)},${y - 6} l6,11 l-12,0 z`, class: 'tl-rep' }).appendChild(title(`reported dead at ${f.reportedAt.toFixed(2)} s`));
      if (f.removedAt != null) el(svg, 'circle', { cx: X(f.removedAt), cy: y, r: 5.5, class: 'tl-rem' }).appendChild(title(`removed at ${f.removedAt.toFixed(2)} s by ${f.removedBySeeds} seed(s)`));
    });
    if (now != null) el(svg, 'line', { x1: X(now), x2: X(now), y1: top, y2: bottom, class: 'tl-now' });
  }

  function title(text) {
    const t = document.createElementNS(NS, 'title');
    t.textContent = text;
    return t;
  }

  function niceStep(raw) {
    const p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-6))));
    for (const m of [1, 2, 5, 10]) if (raw <= m * p) return m * p;
    return 10 * p;
  }

  return { degreeCcdf, latencyCdf, timeline, fmtMs };
})();
