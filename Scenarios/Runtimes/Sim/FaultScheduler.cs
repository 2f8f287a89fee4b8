using GossipSim.Engine.Core;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Seed;
using GossipSim.Engine.Trust;
using GossipSim.Simulator.Network;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Runtimes.Sim;

/// <summary>
/// The simulator's side of the <see cref="FaultInterpreter"/>: puts the fault schedule on the
/// simulator's queue and applies each effect to the <see cref="SimNetwork"/>. The simulator
/// can apply every fault.
/// </summary>
public sealed class FaultScheduler : IFaultRuntime
{
    private readonly SimNetwork _net;
    private readonly int[] _seedIndex;
    private readonly List<int> _peerIndex;
    private readonly Action<string> _say;

    // The name each seed is known by in the seed set: where it first listened (a moved seed keeps it, SeedNode's name).
    private readonly NodeAddress[] _seedNames;
    // The places the runner keeps for the schedule's moves, in its order (VictimPicker.SeedMovesOf), and how many were taken.
    private readonly IReadOnlyList<int> _movePlaces;
    private readonly NodeAddress[] _moveNames;
    private int _moved;

    /// <param name="seedIndex">The scenario's seeds, then the new seeds its seed-set changes start; a move points its seed at the new
    /// place.</param>
    /// <param name="movePlaces">The network's indices kept for the schedule's moves, one a move, not started.</param>
    /// <param name="moveNames">The name each kept place's seed goes by, set by the move that takes it (its factory reads it).</param>
    public FaultScheduler(SimNetwork net, int[] seedIndex, List<int> peerIndex, ulong runSeed, Action<string> say,
        IReadOnlyList<int>? movePlaces = null, NodeAddress[]? moveNames = null)
    {
        _moveNames = moveNames ?? [];
        _net = net;
        _seedIndex = seedIndex;
        _seedNames = seedIndex.Select(net.AddressOf).ToArray();
        _movePlaces = movePlaces ?? [];
        _peerIndex = peerIndex;
        _say = say;
        Interpreter = new FaultInterpreter(this, runSeed);
    }

    public FaultInterpreter Interpreter { get; }

    /// <summary>Puts <paramref name="faults"/> on the queue; <paramref name="firstPosition"/> is the first one's place in the run's
    /// schedule (the scenario's faults, then its churn leaves: <see cref="FaultInterpreter.ChurnLeaves"/>).</summary>
    public void ScheduleAll(IReadOnlyList<Fault> faults, int firstPosition = 0)
    {
        for (int i = 0; i < faults.Count; i++)
        {
            var (fault, position) = (faults[i], firstPosition + i);
            _net.Schedule(TimeSpan.FromSeconds(fault.At), () => Interpreter.Apply(fault, position));
        }
    }

    /// <summary>The network's index of a seed or peer (the fault schedule's and the manager's one mapping).</summary>
    public int IndexOf(NodeRef node) => node.IsSeed ? _seedIndex[node.Index] : _peerIndex[node.Index];

    public NetworkEffects Supports
        => NetworkEffects.Partition | NetworkEffects.Loss | NetworkEffects.Duplication | NetworkEffects.LatencySpike
            | NetworkEffects.SeedSetVote | NetworkEffects.SeedMove;

    public IReadOnlyCollection<int> LivePeers()
    {
        var live = new List<int>();
        for (int i = 0; i < _peerIndex.Count; i++) if (_net.IsAlive(_peerIndex[i])) live.Add(i);
        return live;
    }

    public int DegreeOf(int peer) => _net.DegreeOf(_peerIndex[peer]);

    public int PeerCount => _peerIndex.Count;

    public bool IsLinked(int peer) => _net.IsRegisteredPeer(_peerIndex[peer]) && _net.DegreeOf(_peerIndex[peer]) > 0;

    // A node not yet started counts as down, so a scheduled restart starts it.
    public NodeState StateOf(NodeRef node) => _net.IsAlive(IndexOf(node)) ? NodeState.Running : NodeState.Down;

    public string AddressOf(NodeRef node) => _net.AddressOf(IndexOf(node)).ToString();

    public void Crash(NodeRef node, int degree, bool unwatched)
    {
        int index = IndexOf(node);
        _net.Crash(index, unwatched, _watchRounds.Remove(index, out int round) ? round : null);
    }

    // A detector that watches in rounds (its menu entry's WatchRoundStep: SWIM): the shortest round among each crashing peer's live
    // watchers, found with its watchers (Unwatched).
    private readonly Dictionary<int, int> _watchRounds = new();

    public IReadOnlySet<int> Unwatched(IReadOnlySet<int> crashing)
    {
        var crashingNodes = crashing.Select(p => _peerIndex[p]).ToHashSet();
        var unwatched = new HashSet<int>();
        foreach (int peer in crashing)
        {
            int index = _peerIndex[peer];
            // Every rank asks this alike (on ranks, the first question after nodes ran gathers every node's state); the owner alone
            // holds the peer's links, and it alone traces the crash.
            if (!_net.IsAlive(index) || _net.NodeAt(index) is not PeerNode node) continue;
            var self = _net.AddressOf(index);
            int round = int.MaxValue;
            foreach (var n in node.Neighbours)
                if (_net.IndexOf(n.Address) is int j and >= 0 && !crashingNodes.Contains(j) && _net.IsAlive(j) && HoldsBack(j, self, node.Incarnation))
                    round = Math.Min(round, _net.DegreeOf(j));
            if (round == int.MaxValue) unwatched.Add(peer);
            else if (FailureDetectorMenu.Choices[(int)node.FailureDetector].WatchRoundStep != null) _watchRounds[index] = round;
        }
        return unwatched;
    }

    /// <summary>Whether node <paramref name="j"/> holds its half of the link to <paramref name="a"/>, made under <paramref name="a"/>'s
    /// current incarnation: only that half pings, so only it can report a crash. A half-link whose far end dropped it (its close still
    /// on the way, or lost behind a partition) watches nothing; nor does a link of a removed incarnation (a rejoined peer that crashed
    /// before it showed its new certificate), which that removal cuts wherever it arrives. On ranks a node of another rank is taken
    /// at the crashing peer's word.</summary>
    private bool HoldsBack(int j, NodeAddress a, long incarnation) => _net.NodeAt(j) is not PeerNode far || far.WatchesLinkTo(a, incarnation);

    public void Restart(NodeRef node) => _net.Restart(IndexOf(node));

    public void Leave(NodeRef node) => _net.Leave(IndexOf(node));

    /// <summary>The seed stops cleanly and its next life starts at the place kept for this move (its key and name, an empty store:
    /// the runner made it so); from now on the seed's index names that place.</summary>
    public void MoveSeed(NodeRef seed)
    {
        if (_moved >= _movePlaces.Count) throw new InvalidOperationException("no place was kept for this move (VictimPicker.SeedMovesOf)");
        _moveNames[_moved] = _seedNames[seed.Index];
        int place = _movePlaces[_moved++];
        // Its word of where it is must be newer than its last life's: that life's incarnation, asked of its owner for every rank.
        long last = _net.Ask(_seedIndex[seed.Index], n => n is SeedNode s ? s.Epoch : 0);
        _net.Leave(_seedIndex[seed.Index]);
        _net.ContinueLives(place, last);
        _seedIndex[seed.Index] = place;
        _net.Restart(place); // a place never started starts here, as a scheduled restart starts a node not yet started
    }

    /// <summary>Starts a newcomer as the manager's add does (set by the runner, which knows how a peer is made).</summary>
    public Func<int>? AddPeer { get; set; }

    public NodeRef Join() => NodeRef.Peer((AddPeer ?? throw new InvalidOperationException("no way to add a peer was given"))());

    // The runner started each new seed at its change's time (it added it before the peers, so indices follow the one rule).
    public void StartNewSeed(NodeRef seed) { }

    public NodeAddress SeedAddressOf(NodeRef seed) => _seedNames[seed.Index];

    // Each question below is put to one node and, on ranks, answered to every rank (SimNetwork.Ask): the faults run on every rank
    // alike, so every rank takes the same decisions.
    private long AskSeed(int k, Func<SeedNode, bool> question) => _net.Ask(_seedIndex[k], n => n is SeedNode s && question(s) ? 1 : 0);

    public SeedSetView? SeedSetInForce(IReadOnlyList<NodeRef> about)
    {
        int holder = -1;
        long newest = -1;
        for (int k = 0; k < _seedIndex.Length; k++)
        {
            long version = _net.Ask(_seedIndex[k], n => n is SeedNode s ? s.SeedSet.Version + 1 : 0) - 1;
            if (version > newest) (holder, newest) = (k, version);
        }
        if (holder < 0) return null;
        var seeds = about.Select(SeedAddressOf).ToArray();
        return new SeedSetView(newest, AskSeed(holder, s => s.SeedSet.IsJoint) == 1,
            seeds.Select(a => AskSeed(holder, s => s.SeedSet.Counts(a)) == 1).ToArray());
    }

    public (NodeRef? Via, string? Refused) ChangeSeedSet(SeedSetChange change, NodeRef? notVia)
    {
        // The first running seed (by index) that counts in the set it holds: the one an operator's console would reach.
        for (int k = 0; k < _seedIndex.Length; k++)
        {
            var via = NodeRef.Seed(k);
            if (via == notVia || !_net.IsAlive(_seedIndex[k]) || AskSeed(k, s => s.SeedSet.Counts(s.Address)) == 0) continue;
            string? why = null; // on ranks, known on the seed's own rank only
            long refused = _net.Command(_seedIndex[k], n => (why = ((SeedNode)n).ChangeSeedSet(change, StructuralIdentity.OperatorApproval)) == null ? 0 : 1);
            return refused == 0 ? (via, null) : (null, $"seed {k} refused it: {why ?? "said in its log"}");
        }
        return (null, "no running seed of the set in force");
    }

    public void StopSeed(NodeRef seed) => _net.Leave(IndexOf(seed));

    /// <summary>Two of the peers' membership refreshes (the runner sets it from the scenario).</summary>
    public double SeedDrainSeconds { get; init; } = 60;

    public void Partition(PartitionFault partition)
    {
        var groupOf = new Dictionary<int, int>();
        for (int g = 0; g < partition.Groups.Count; g++)
            foreach (var sel in partition.Groups[g])
            {
                IReadOnlyList<int> indices = sel.Seeds ? _seedIndex : _peerIndex;
                for (int i = sel.From; i <= sel.To; i++) groupOf[indices[i]] = g + 1;
            }
        _net.Partition(groupOf, partition.Description, partition.OneWay);
    }

    public void Heal() => _net.Heal();

    public double Loss => _net.LossRate;
    public void SetLoss(double rate) => _net.SetLoss(rate);
    public double Duplication => _net.DuplicationRate;
    public void SetDuplication(double rate) => _net.DuplicationRate = rate;
    public void SetLatencySpike(double factor, double extraMs) => _net.SetLatencySpike(factor, TimeSpan.FromMilliseconds(extraMs));

    public void After(double seconds, Action action) => _net.Schedule(_net.Now + TimeSpan.FromSeconds(seconds), action);

    public void Say(string line) => _say($"t={_net.Now.TotalSeconds:F1}s {line}");
}
