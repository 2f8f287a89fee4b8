using GossipSim.Engine.Config;
using GossipSim.Engine.Liveness;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Protocols.PhiAccrual;

/// <summary>
/// The φ-accrual failure detector (Hayashibara, Défago, Yared and Katayama, "The φ Accrual Failure Detector", SRDS 2004), written
/// only through the public contract, as a user's project would: each neighbour is pinged every ping interval; the times between
/// its pongs are kept in a bounded window (but those longer than two ping intervals, outages rather than jitter, as Cassandra's
/// detector drops them); every check φ = −log10(P_later(now − last pong)) under a normal distribution of the
/// window's mean (plus an acceptable pause) and standard deviation (at least a floor), with Akka's and Cassandra's logistic
/// approximation of its tail. At φ ≥ the threshold the neighbour is suspected and its witnesses asked as the classic detector
/// asks them, and the same verdict (<see cref="SuspicionVerdict"/>) reports it or not. One object serves every peer; a peer's
/// windows are its <see cref="DetectorContext.State"/>.
/// </summary>
public sealed class PhiAccrualDetector : FailureDetectorRole
{
    public static readonly PhiAccrualDetector Instance = new();

    private PhiAccrualDetector() { }

    public const string Threshold = "phiThreshold", MinStdDev = "phiMinStdDevSeconds", Pause = "phiPauseSeconds",
        Window = "phiWindow", Check = "phiCheckSeconds";

    /// <summary>The detector on the menu, with its settings.</summary>
    public static readonly FailureDetectorChoice Choice = new("phi-accrual",
        "Hayashibara et al., SRDS 2004: suspect a neighbour when φ of its pong inter-arrival times passes a threshold", _ => Instance)
    {
        Settings =
        [
            PeerTunables.RoleSetting(Threshold, "--phi-threshold", defaultValue: 8, min: 1, whole: true,
                help: "phi-accrual: a neighbour is suspected at this φ (8: Akka's cluster default)"),
            PeerTunables.RoleSetting(MinStdDev, "--phi-min-std-dev", defaultValue: 1, min: 0, whole: false,
                help: "phi-accrual: the standard deviation of the inter-arrival times is taken as at least this"),
            PeerTunables.RoleSetting(Pause, "--phi-pause", defaultValue: 13, min: 0, whole: false,
                help: "phi-accrual: a pause this long past the mean inter-arrival time is acceptable (Akka's acceptable-heartbeat-pause)"),
            PeerTunables.RoleSetting(Window, "--phi-window", defaultValue: 100, min: 2, whole: true,
                help: "phi-accrual: inter-arrival times kept per neighbour, the latest"),
            PeerTunables.RoleSetting(Check, "--phi-check", defaultValue: 1, min: 0, whole: false,
                help: "phi-accrual: φ of every neighbour is computed this often"),
        ],
        ReportedWithin = ReportedAtTheLatest,
    };

    /// <summary>
    /// A crash is reported by then on a network without loss: the last pong came at most a ping interval before it (the mean
    /// inter-arrival time), φ passes the threshold once the silence exceeds the mean, the acceptable pause and z deviations (z of
    /// the normal tail at 10^-φ, bounded above by √(2 φ ln 10), as P(Z > z) ≤ e^(-z²/2); the logistic approximation crosses
    /// sooner), seen at the next check, and the witnesses' round follows. The deviation of a lossless network's intervals is at
    /// the floor.
    /// </summary>
    private static TimeSpan ReportedAtTheLatest(PeerConfig c)
    {
        double z = Math.Sqrt(2 * c.Setting(Threshold) * Math.Log(10));
        return c.PingInterval + TimeSpan.FromSeconds(c.Setting(Pause) + z * Math.Max(c.Setting(MinStdDev), 0.001) + c.Setting(Check))
            + c.SuspicionQueryTimeout;
    }

    // Timer arguments: a check, a ping round, or (odd) a round of witnesses' timeout by its number.
    private const long CheckTimer = 0, PingTimer = 2;
    private static long RoundTimer(long ask) => ask << 1 | 1;

    /// <summary>An inter-arrival time longer than this many ping intervals is not kept in the window (<see cref="Watch.Arrived"/>).</summary>
    public const double LongestInterval = 2;

    /// <summary>What this peer keeps of one neighbour: its last pong's time, the latest inter-arrival times, and when its
    /// suspicion last asked witnesses or was reported.</summary>
    private sealed class Watch(TimeSpan since, int window)
    {
        public TimeSpan Last = since;
        public readonly double[] Intervals = new double[window];
        public int Count, Next;
        public double Sum, SumOfSquares;
        public TimeSpan AskedAt, ReportedAt;

        public void Arrived(TimeSpan at, double longest)
        {
            double interval = (at - Last).TotalSeconds;
            Last = at;
            // Longer than two ping intervals: an outage (pongs lost, a partition, a delay spike), not the network's jitter; kept in
            // the window it would widen the deviation for a hundred intervals and slow the finding of the next crash. Cassandra's
            // detector drops such intervals the same way (its MAX_INTERVAL, two gossip rounds).
            if (interval > longest) return;
            if (Count == Intervals.Length)
            {
                double old = Intervals[Next];
                Sum -= old;
                SumOfSquares -= old * old;
            }
            else Count++;
            Intervals[Next] = interval;
            Next = (Next + 1) % Intervals.Length;
            Sum += interval;
            SumOfSquares += interval * interval;
        }
    }

    private static Dictionary<NodeAddress, Watch> Watches(DetectorContext peer)
    {
        if (peer.State is Dictionary<NodeAddress, Watch> w) return w;
        peer.State = w = new Dictionary<NodeAddress, Watch>();
        return w;
    }

    /// <summary>
    /// φ of a silence of <paramref name="elapsed"/> seconds under a normal distribution of <paramref name="mean"/> and
    /// <paramref name="stdDev"/>: −log10 of the probability that a pong comes later still, by the logistic approximation of the
    /// normal tail Akka and Cassandra use: within 0.05 of the exact φ up to three deviations past the mean, above it further out
    /// (8.9 against 7.7 at five and a half), so a threshold is passed a little sooner than the exact tail says.
    /// </summary>
    public static double Phi(double elapsed, double mean, double stdDev)
    {
        double y = (elapsed - mean) / stdDev;
        double e = Math.Exp(-y * (1.5976 + 0.070566 * y * y));
        return elapsed > mean ? -Math.Log10(e / (1 + e)) : -Math.Log10(1 - 1 / (1 + e));
    }

    private static double PhiOf(DetectorContext peer, Watch w)
    {
        double interval = peer.Config.PingInterval.TotalSeconds;
        // Before two pongs, the ping interval stands for the mean, a quarter of it for the deviation (Akka's first estimate).
        double mean = w.Count > 0 ? w.Sum / w.Count : interval;
        double variance = w.Count > 1 ? Math.Max(0, w.SumOfSquares / w.Count - mean * mean) : interval * interval / 16;
        double stdDev = Math.Max(Math.Sqrt(variance), peer.Config.Setting(MinStdDev));
        return Phi((peer.Now - w.Last).TotalSeconds, mean + peer.Config.Setting(Pause), stdDev);
    }

    public override void OnStart(DetectorContext peer)
    {
        peer.SetTimer(peer.Config.PingInterval, PingTimer);
        peer.SetTimer(TimeSpan.FromSeconds(peer.Config.Setting(Check)), CheckTimer);
    }

    public override void OnLinkUp(DetectorContext peer, NodeAddress neighbour) =>
        Watches(peer)[neighbour] = new Watch(peer.Now, (int)peer.Config.Setting(Window));

    public override void OnLinkDown(DetectorContext peer, NodeAddress neighbour) => Watches(peer).Remove(neighbour);

    public override void OnAnswered(DetectorContext peer, NodeAddress neighbour, TimeSpan at)
    {
        if (Watches(peer).TryGetValue(neighbour, out var w)) w.Arrived(at, LongestInterval * peer.Config.PingInterval.TotalSeconds);
    }

    public override void OnTimer(DetectorContext peer, long arg)
    {
        if ((arg & 1) == 1)
        {
            if (peer.TryGetRound(arg >> 1, out var round)) Conclude(peer, round, VerdictOf(round, timeUp: true));
            return;
        }
        if (arg == PingTimer)
        {
            for (int i = 0; i < peer.Neighbours.Length; i++) peer.Ping(i);
            peer.SetTimer(peer.Config.PingInterval, PingTimer);
            return;
        }
        CheckAll(peer);
        peer.SetTimer(TimeSpan.FromSeconds(peer.Config.Setting(Check)), CheckTimer);
    }

    private static void CheckAll(DetectorContext peer)
    {
        var watches = Watches(peer);
        var neighbours = peer.Neighbours;
        double threshold = peer.Config.Setting(Threshold);
        var again = peer.Config.PingInterval * peer.Config.MissesBeforeSuspect; // a report nobody answered for this long
        for (int i = 0; i < neighbours.Length; i++)
        {
            if (!watches.TryGetValue(neighbours[i], out var w)) continue;
            var health = peer.Health(i);
            if (health == NeighbourHealth.QueryingWitnesses) continue;
            if (health == NeighbourHealth.Reported)
            {
                if (peer.Now - w.ReportedAt < again) continue;
                peer.SuspectAgain(i);
                Ask(peer, i, neighbours[i], w, suspectNow: false);
                continue;
            }
            if (health == NeighbourHealth.Suspected)
            {
                // Its witnesses did not confirm it: asked again each ping interval while φ stays high.
                if (peer.Now - w.AskedAt >= peer.Config.PingInterval && PhiOf(peer, w) >= threshold)
                    Ask(peer, i, neighbours[i], w, suspectNow: false);
                continue;
            }
            if (PhiOf(peer, w) >= threshold) Ask(peer, i, neighbours[i], w, suspectNow: true);
        }
    }

    private static void Ask(DetectorContext peer, int link, NodeAddress suspect, Watch w, bool suspectNow)
    {
        var witnesses = peer.DrawWitnesses(link, peer.Config.SuspicionWitnesses);
        if (suspectNow)
        {
            peer.Suspect(link, witnesses.Length);
            if (peer.LogEnabled)
                peer.Log($"suspect {suspect}: φ {PhiOf(peer, w):0.#}, silent {(peer.Now - w.Last).TotalSeconds:0.#} s; asking "
                    + $"{witnesses.Length} of its other neighbours to probe it");
        }
        w.AskedAt = peer.Now;
        if (witnesses.Length == 0)
        {
            Report(peer, link, w, 0, 0);
            return;
        }
        long ask = peer.AskWitnesses(link, witnesses);
        peer.SetTimer(peer.Config.SuspicionQueryTimeout, RoundTimer(ask));
    }

    public override void OnWitnessAnswer(DetectorContext peer, in WitnessAnswer answer)
    {
        var verdict = VerdictOf(answer.Round, timeUp: false);
        if (verdict != Verdict.Wait) Conclude(peer, answer.Round, verdict);
    }

    private static Verdict VerdictOf(in WitnessRound r, bool timeUp) => SuspicionVerdict.Decide(r.Asked, r.Unreachable, r.Reachable, timeUp);

    private static void Conclude(DetectorContext peer, in WitnessRound round, Verdict verdict)
    {
        peer.EndRound(round.Ask);
        int link = peer.IndexOf(round.Suspect);
        if (link < 0 || peer.Health(link) != NeighbourHealth.QueryingWitnesses) return; // gone, or it answered meanwhile
        if (verdict != Verdict.Report)
        {
            peer.NotConfirmed(link);
            return;
        }
        if (Watches(peer).TryGetValue(round.Suspect, out var w)) Report(peer, link, w, round.Unreachable, round.Asked);
    }

    private static void Report(DetectorContext peer, int link, Watch w, int agreeing, int asked)
    {
        w.ReportedAt = peer.Now;
        peer.Report(link, agreeing, asked);
    }
}
