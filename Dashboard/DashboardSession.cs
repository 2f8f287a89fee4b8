using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using GossipSim.Analysis.Summary;
using GossipSim.Engine.Core;
using GossipSim.Dashboard.Events;
using GossipSim.Dashboard.Frames;
using GossipSim.Dashboard.Model;
using GossipSim.Dashboard.Runs;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Dashboard;

/// <summary>
/// One dashboard: where its events come from (a live real run, a simulation run live, or a
/// timeline played back), the run's manager if it has one, the network view the events build,
/// and the frames sent to every connected page, five a second. A page gets the whole picture
/// when it connects, then each frame's change to it; a page too slow to take its frames gets
/// the whole picture again once it catches up. Everything that touches the view happens under
/// one lock, on the frame loop or in a request.
/// </summary>
public sealed class DashboardSession : IAsyncDisposable
{
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan SummaryInterval = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private readonly List<Page> _pages = new();
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly Queue<(TimeSpan wall, long events)> _rate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly FrameBuilder _builder = new();
    private NetworkView _view = new();
    private LiveRunSource? _live;
    private ReplayPlayer? _player;
    private ILiveSimulationRun? _sim;
    private IDashboardRun? _manager;
    private TimeSpan _origin;
    /// <summary>A simulated run's continents by node (the measured Internet), kept for each view the session makes.</summary>
    private Func<NodeAddress, string?>? _regions;
    private string _mode = "waiting", _scenario = "", _endNote = "";
    private double _planned;
    private RunSummary? _summary;
    private TimeSpan _lastSummary = TimeSpan.MinValue, _lastTick;
    private Task? _loop;
    private Frame? _latest;
    private TimeSpan _lastChange;
    private bool _poked = true;

    /// <summary>The latest frame with the whole picture, as JSON (null before the first).</summary>
    public string? LatestFrame { get { lock (_gate) return WholeJson(); } }
    public string Mode { get { lock (_gate) return _mode; } }

    /// <summary>Follow a live real run (its nodes' trace files and its manager).</summary>
    public void UseRealRun(ILiveRealRun control)
    {
        lock (_gate)
        {
            _live = new LiveRunSource(control);
            _regions = null; // real nodes: the bed does not apply the measured Internet yet
            _manager = control;
            _player = null;
            _sim = null;
            _origin = control.TimeOrigin;
            _view = NewView(_origin);
            _mode = "real";
            _poked = true;
            _scenario = control.ScenarioName;
            _planned = control.PlannedSeconds;
        }
    }

    /// <summary>Play a timeline: a saved trace (<paramref name="mode"/> replay) or a simulation being recorded (sim).</summary>
    /// <param name="regions">On the measured Internet: each node's continent, which the page can colour peers by.</param>
    public void UseTimeline(ReplayTimeline timeline, TimeSpan origin, string mode, string scenario, bool playing = true, double speed = 1,
        Func<NodeAddress, string?>? regions = null)
    {
        lock (_gate)
        {
            _regions = regions;
            _live = null;
            _sim = null;
            _manager = null;
            _player = new ReplayPlayer(timeline, origin, playing, speed);
            _origin = origin;
            _view = NewView(origin);
            _mode = mode;
            _scenario = scenario;
            _poked = true;
        }
    }

    /// <summary>
    /// Follow a simulation run live: <paramref name="timeline"/> records its events, which are
    /// shown up to the simulator's present; the page sets its pace and sends it manager commands.
    /// Once it has ended the recording is a replay like any other.
    /// </summary>
    /// <param name="regions">On the measured Internet: each node's continent, which the page can colour peers by.</param>
    public void UseLiveSimulation(ReplayTimeline timeline, ILiveSimulationRun sim, string scenario,
        Func<NodeAddress, string?>? regions = null)
    {
        UseTimeline(timeline, TimeSpan.Zero, "sim", scenario, regions: regions);
        lock (_gate)
        {
            _sim = sim;
            _manager = sim;
        }
    }

    private NetworkView NewView(TimeSpan origin) => new(origin) { RegionOf = _regions };

    /// <summary>A simulation still being run live (its pace and commands come from the page).</summary>
    private bool SimulatingLive => _sim is { Finished: false };

    /// <summary>Said on the page once the run is over (e.g. where its results are).</summary>
    public void SetEndNote(string note)
    {
        lock (_gate) { _endNote = note; _poked = true; }
    }

    public void Start()
    {
        _loop ??= Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(FrameInterval);
            do
            {
                try { Tick(); }
                catch (Exception ex) when (ex is IOException or InvalidOperationException or FormatException)
                {
                    Console.Error.WriteLine($"dashboard: {ex.Message}");
                }
            } while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        });
    }

    /// <summary>Reads what is new, builds a frame and sends it to every page. The frame loop calls it; tests may too.</summary>
    public void Tick()
    {
        lock (_gate)
        {
            var wall = _wall.Elapsed;
            var elapsed = _lastTick == default ? TimeSpan.Zero : wall - _lastTick;
            _lastTick = wall;
            bool animate = true;
            long before = _view.EventsApplied;
            if (_live != null)
            {
                foreach (var e in _live.Poll(_view)) _view.Apply(e);
            }
            else if (_player != null)
            {
                var step = SimulatingLive ? _player.Follow(_sim!.Now) : _player.Advance(elapsed);
                if (step.Reset) { _view = NewView(_origin); _summary = null; before = -1; }
                foreach (var e in step.Events) _view.Apply(e);
                animate = !step.Jumped;
            }
            // A paused replay or a finished run at rest: the pages already have the latest frame.
            if (_view.EventsApplied != before || _poked || _latest == null) _lastChange = wall;
            _poked = false;
            if (wall - _lastChange > TimeSpan.FromSeconds(3) && !_pages.Any(p => p.Behind)) return;
            if (_summary == null || wall - _lastSummary >= SummaryInterval)
            {
                var s = new RunSummary();
                _view.Statistics.FillSummary(s);
                _summary = s;
                _lastSummary = wall;
            }
            var frame = _builder.Build(_view, _summary, animate, EventsPerSecond(wall));
            Describe(frame);
            _latest = frame;
            string change = frame.ToJson();
            string? whole = null;
            foreach (var page in _pages)
            {
                // A change applies only to the picture the page holds: one it could not take puts it behind.
                if (page.Behind) page.Behind = !page.Frames.Writer.TryWrite(whole ??= WholeJson()!);
                else page.Behind = !page.Frames.Writer.TryWrite(change);
            }
        }
    }

    private string? WholeJson() => _latest?.With(_builder.Picture.Whole()).ToJson();

    /// <summary>A connected page: its frames waiting to be sent, and whether it needs the whole picture.</summary>
    private sealed class Page(Channel<string> frames)
    {
        public Channel<string> Frames { get; } = frames;
        public bool Behind { get; set; } = true;
    }

    private double EventsPerSecond(TimeSpan wall)
    {
        _rate.Enqueue((wall, _view.EventsApplied));
        while (_rate.Count > 2 && wall - _rate.Peek().wall > TimeSpan.FromSeconds(2)) _rate.Dequeue();
        var (w0, e0) = _rate.Peek();
        double dt = (wall - w0).TotalSeconds;
        return dt > 0 ? Math.Max(0, _view.EventsApplied - e0) / dt : 0;
    }

    private void Describe(Frame f)
    {
        f.Mode = _mode;
        f.Scenario = _scenario;
        string t = f.T.ToString("0.0", CultureInfo.InvariantCulture);
        if (_manager is { Finished: false } m)
            f.Commands = m.Commands.ToList();
        if (_live != null)
        {
            f.Ended = _view.RunEnded || _live.Control.Finished;
            f.Manager = !f.Ended;
            f.Playing = !f.Ended;
            f.Status = f.Ended
                ? "the run has ended" + (_endNote.Length > 0 ? ": " + _endNote : "")
                : $"live: real nodes, t = {t} s of about {_planned.ToString("0", CultureInfo.InvariantCulture)} s";
        }
        else if (SimulatingLive)
        {
            var sim = _sim!;
            f.T = Math.Round(sim.Now, 3);
            f.TEnd = Math.Round(sim.PlannedSeconds, 3);
            f.Playing = sim.Playing;
            f.Speed = sim.Speed;
            f.Manager = sim.Started;
            f.Status = sim.Started
                ? $"live simulation: t = {f.T.ToString("0.0", CultureInfo.InvariantCulture)} s "
                + $"of {sim.PlannedSeconds.ToString("0", CultureInfo.InvariantCulture)} "
                + $"s, {(sim.Playing ? $"{sim.Speed.ToString("0.##", CultureInfo.InvariantCulture)}× wall time"
                : "paused")}; manager commands act now"
                : "the simulation is being set up";
        }
        else if (_player != null)
        {
            f.TEnd = Math.Round(_player.End, 3);
            f.T = Math.Round(_player.Position, 3);
            f.Playing = _player.Playing;
            f.Speed = _player.Speed;
            f.Ended = _player.AtEnd;
            string what = _mode == "sim" ? "simulation" : "replay";
            f.Status = $"{what}: t = {f.T.ToString("0.0", CultureInfo.InvariantCulture)} s "
                + $"of {f.TEnd.Value.ToString("0.0", CultureInfo.InvariantCulture)} s" +
                       (_mode == "sim" && _player.End > 0 && !f.Ended && _endNote.Length == 0 ? " (still computing)" : "") +
                       (_endNote.Length > 0 ? "; " + _endNote : "");
        }
        else
        {
            f.Status = "waiting for the run to start";
        }
    }

    /// <summary>A manager line from the page or the terminal, and its answer. Only during a live run (real, or a simulation run
    /// live).</summary>
    public async Task<ManagerAnswer> CommandAsync(string line, string from)
    {
        IDashboardRun? manager;
        lock (_gate) manager = _manager;
        if (manager == null)
            return ManagerAnswer.Refused(line, "no manager: a replay cannot be changed (manager commands work during a live run: real, or "
                + "a simulation with --dashboard)");
        var answer = await manager.SendAsync(line).ConfigureAwait(false);
        if (answer.Command is not { } command) return answer;
        lock (_gate)
        {
            _live?.OnAnswer(answer, _view);
            _poked = true;
            // A simulation's command acts at its virtual time; a real one's now.
            double at = manager is ILiveSimulationRun sim ? sim.Now : (LiveRunSource.UnixNow() - _origin).TotalSeconds;
            // Queries are not actions: only what changes the run goes into the log.
            if (answer.Verb != "list") _view.Note(Math.Max(_view.Now, at), "manager",
                $"{from}: {command} → {string.Join("; ", answer.Lines.Take(3))}"
                    + $"{(answer.Lines.Count > 3 ? $" (+{answer.Lines.Count - 3} lines)" : "")}");
        }
        return answer;
    }

    /// <summary>The manager commands this run carries out (the page shows only their buttons); none outside a live run.</summary>
    public IReadOnlyList<string> ManagerCommands
    {
        get { lock (_gate) return _manager is { Finished: false } m ? m.Commands : Array.Empty<string>(); }
    }

    /// <summary>Replay controls: play, pause, speed (value), seek (value = run seconds); a simulation run live takes step (value = virtual
    /// seconds) and no seek.</summary>
    public string? Control(string action, double? value)
    {
        lock (_gate)
        {
            if (SimulatingLive) return PaceControl(_sim!, action, value);
            if (_player == null) return "no replay controls in a live real run";
            _poked = true;
            switch (action)
            {
                case "play": _player.Play(); return null;
                case "pause": _player.Pause(); return null;
                case "speed" when value is { } s && s > 0: _player.SetSpeed(s); return null;
                case "seek" when value is { } t && t >= 0: _player.Seek(t); return null;
                default: return $"unknown control '{action}' (play, pause, speed <x>, seek <seconds>)";
            }
        }
    }

    private string? PaceControl(ILiveSimulationRun sim, string action, double? value)
    {
        _poked = true;
        switch (action)
        {
            case "play": sim.Play(); return null;
            case "pause": sim.Pause(); return null;
            case "speed" when value is { } s && s > 0: sim.SetSpeed(s); return null;
            case "step" when value is { } d && d > 0: sim.Step(d); return null;
            case "seek": return "a simulation run live is computed as it is shown: it cannot seek until it has ended (then it replays)";
            default: return $"unknown control '{action}' (play, pause, speed <x>, step <seconds>)";
        }
    }

    /// <summary>One message's spread for the page to animate: its first receipts in order and its counts.</summary>
    public string MessageJson(int index)
    {
        lock (_gate)
        {
            var m = _view.MessageAt(index);
            if (m == null) return JsonSerializer.Serialize(new { error = $"no message {index}" });
            var hops = m.Receipts?.Where(r => !r.Value.From.IsNone)
                .OrderBy(r => r.Value.At).ThenBy(r => r.Value.Hops)
                .Select(r => new object[] { r.Value.From.ToString(), r.Key.ToString(),
                    Math.Round(r.Value.At - m.CreatedAt, 6), r.Value.Hops })
                .ToList();
            int livePeers = _view.Nodes.Count(n => !n.IsSeed && n.Started && n.Condition == NodeCondition.Up);
            return JsonSerializer.Serialize(new
            {
                i = m.Index,
                label = m.Label,
                origin = m.Id.Origin.ToString(),
                t = Math.Round(m.CreatedAt, 3),
                reached = m.Reached,
                livePeers,
                spreadSeconds = Math.Round(Math.Max(0, m.LastAt - m.CreatedAt), 6),
                maxHops = m.MaxHops,
                duplicateLinks = m.DuplicateLinks,
                pathKept = m.Receipts != null,
                hops = hops ?? new List<object[]>(),
            });
        }
    }

    /// <summary>A new page's frames: the latest with the whole picture first (if there is one yet), then each frame's change.</summary>
    public Channel<string> Subscribe()
    {
        var page = new Page(Channel.CreateBounded<string>(new BoundedChannelOptions(8)
            { FullMode = BoundedChannelFullMode.Wait, SingleReader = true }));
        lock (_gate)
        {
            _pages.Add(page);
            if (WholeJson() is { } whole) page.Behind = !page.Frames.Writer.TryWrite(whole);
        }
        return page.Frames;
    }

    public void Unsubscribe(Channel<string> c)
    {
        lock (_gate) _pages.RemoveAll(p => p.Frames == c);
        c.Writer.TryComplete();
    }

    /// <summary>Sends a last frame and stops the frame loop; pages keep what they show.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate) _poked = true;
        try { Tick(); } catch (Exception ex) when (ex is IOException or InvalidOperationException) { }
        _stop.Cancel();
        if (_loop != null)
        {
            try { await _loop.ConfigureAwait(false); } catch (OperationCanceledException) { }
        }
        lock (_gate) foreach (var p in _pages) p.Frames.Writer.TryComplete();
        _stop.Dispose();
    }
}
