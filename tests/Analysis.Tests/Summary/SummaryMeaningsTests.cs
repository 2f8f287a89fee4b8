using GossipSim.Analysis.Summary;

namespace GossipSim.Analysis.Tests.Summary;

/// <summary>Many rows of the report's summary table had an empty "what it measures".</summary>
public class SummaryMeaningsTests
{
    /// <summary>A summary with every part a run can fill: a fit, Plumtree, SWIM, HyParView, a failure, checks, each runtime's extras.</summary>
    private static RunSummary Full()
    {
        var s = new RunSummary
        {
            Scenario = "full", PeakWorkingSetPerNodeBytes = 1, TraceHash = "abc",
            Degree = new DegreeSummary
            {
                Alpha = 2.5, AlphaStdErr = 0.1, Xmin = 3, Ntail = 10, Ks = 0.1, P = 0.5,
                VsLognormal = new LikelihoodRatio { R = 1, P = 0.1 }, VsExponential = new LikelihoodRatio { R = 1, P = 0.1 },
            },
            Gossip = new GossipSummary
            {
                Plumtree = new PlumtreeSummary(), DuringFailure = new FailureReliability(), FirstAfterCrash = new FailureReliability(),
            },
            Membership = new MembershipSummary
            {
                Detection = new DetectionSummary(), Swim = new SwimSummary(), HyParView = new HyParViewSummary(),
            },
            Checks = [CheckResult.Pass("a check", "it held")],
            Extra = new Dictionary<string, object>
            {
                // The simulator's, the real runtimes' and collect's (Scenarios/Runtimes/**), by their names there.
                ["timeOriginUnixSeconds"] = 1.5, ["victims"] = new[] { "peer:2" }, ["faultsNotApplied"] = new[] { "x" }, ["nodeProcesses"] = 3, ["nodeProgram"] = "native nodes",
                ["meanPeakWorkingSetPerNodeBytes"] = 1, ["maxPeakWorkingSetPerNodeBytes"] = 1, ["messagesSent"] = 1, ["messagesDropped"] = 1,
                ["messagesDuplicated"] = 1, ["latencyModel"] = "uniform", ["threads"] = 2, ["ranks"] = 1, ["partitions"] = 2,
                ["timeWindows"] = 5, ["windowBalance"] = 0.9, ["gcCollections"] = new[] { 1, 2, 3 }, ["gcPauseSeconds"] = 0.1, ["gc"] = "workstation",
                ["heapCeiling"] = new { bytes = 1, collectorLimitBytes = 2, setBy = "scenario" }, ["rankPeakWorkingSetBytes"] = new long[] { 1, 2 },
                ["collectedFrom"] = new[] { "a" }, ["crashesFoundInTraces"] = new[] { "b" }, ["docker"] = "d", ["network"] = "n", ["bed"] = "b",
                ["hosting"] = "in-process", ["nodes"] = 4,
            },
        };
        s.Failures.Add(new FailureRecord { Node = "10.1.0.1:7000" });
        // The wan section with every continent and every pair and band it can name.
        var all = Simulator.Latency.Wan.Continents.All;
        s.Wan = new WanSummary
        {
            Mix = "atlas", Nodes = 2, Countries = new() { ["DE"] = 1, ["US"] = 1 },
            Continents = all.ToDictionary(c => c, _ => 1),
            LatencyByContinents = all.SelectMany((a, i) => all.Skip(i).Select(b => Simulator.Latency.Wan.Continents.PairName(a, b)))
                .ToDictionary(k => k, _ => new RegionLatency()),
            LatencyByDistance = Simulator.Latency.Wan.DistanceBands.All.ToDictionary(b => b.Name, _ => new RegionLatency()),
        };
        return s;
    }

    [Test]
    public void EveryQuantityASummaryCanHold_SaysWhatItMeasures()
    {
        var keys = SummaryJson.Flatten(Full().ToJson()).Select(p => p.Key).ToList();
        Assert.That(keys, Has.Count.GreaterThan(100));
        Assert.That(keys, Has.Member("wan.latencyByContinents.Asia / Europe.p50Seconds").And.Member("wan.latencyByDistance.over 5000 km.deliveries"));
        Assert.That(keys.Where(k => !SummaryJson.Describes(k)), Is.Empty, "quantities the table does not describe");
        Assert.That(keys.Where(k => SummaryJson.Meaning(k).Length == 0), Is.Empty);
    }

    [Test]
    public void AQuantityOfAFamilyTheTableDoesNotName_SaysWhereItComesFrom()
    {
        Assert.That(SummaryJson.Meaning("extra.relay.framesDelayed"), Does.Contain("delay relay"));
        Assert.That(SummaryJson.Meaning("extra.rank0Exchange.tradingSeconds"), Does.Contain("rank 0"));
        Assert.That(SummaryJson.Meaning("extra.somethingNew"), Is.Not.Empty);
    }

    [Test]
    public void TheMix_IsOneRowOfTheReport_LargestCountriesFirst()
    {
        var s = new RunSummary { Wan = new WanSummary { Countries = Enumerable.Range(0, 20).ToDictionary(i => $"C{i}", i => 100 - i) } };
        var row = SummaryJson.Flatten(s.ToJson()).Where(p => p.Key.StartsWith("wan.countries", StringComparison.Ordinal)).ToList();
        Assert.That(row, Has.Count.EqualTo(1));
        Assert.That(row[0].Value, Does.StartWith("C0 100, C1 99, ").And.EndWith($"and {20 - SummaryJson.CountriesShown} more countries"));
    }

    [Test]
    public void ARunOffTheMeasuredInternet_HasNoWanSection() =>
        Assert.That(new RunSummary().ToJson(), Does.Not.Contain("\"wan\""));
}
