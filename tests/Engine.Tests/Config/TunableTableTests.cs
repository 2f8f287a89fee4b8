using System.Reflection;
using GossipSim.Engine.Config;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Config;

/// <summary>The tables of tunables: every record property in them, each entry reading and writing its own property, names unique, ranges as stated.</summary>
public class TunableTableTests
{
    private static string[] Properties<TConfig>() =>
        typeof(TConfig).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name).ToArray();

    [Test]
    public void EveryPeerConfigProperty_IsInTheTable() =>
        // Settings holds the values of roles a host registered, each described by its own tunable (a registered role's setting).
        Assert.That(PeerTunables.All.Select(t => t.Property).Where(p => typeof(PeerConfig).GetProperty(p) != null),
            Is.EquivalentTo(Properties<PeerConfig>().Where(p => p != nameof(PeerConfig.Settings))));

    [Test]
    public void EverySeedConfigProperty_IsInTheTable() =>
        Assert.That(SeedTunables.All.Select(t => t.Property), Is.EquivalentTo(Properties<SeedConfig>()));

    [Test]
    public void EachPeerEntry_ReadsAndWritesItsOwnProperty_AndNoOther() => EachEntryReadsAndWritesItsOwnProperty(PeerTunables.All, new PeerConfig());

    [Test]
    public void EachSeedEntry_ReadsAndWritesItsOwnProperty_AndNoOther() => EachEntryReadsAndWritesItsOwnProperty(SeedTunables.All, new SeedConfig());

    private static void EachEntryReadsAndWritesItsOwnProperty<TConfig>(IReadOnlyList<Tunable<TConfig>> table, TConfig defaults)
    {
        foreach (var t in table)
        {
            double other = TunableSamples.OtherThan(t, t.Get(defaults));
            var changed = t.Set(defaults, other);
            foreach (var p in typeof(TConfig).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                object? before = p.GetValue(defaults), after = p.GetValue(changed);
                if (p.Name == t.Property) Assert.That(AsNumber(after), Is.EqualTo(other), $"{t.JsonName} writes {p.Name}");
                else Assert.That(after, Is.EqualTo(before), $"{t.JsonName} leaves {p.Name} alone");
            }
            Assert.That(t.Get(changed), Is.EqualTo(other), $"{t.JsonName} reads what it wrote");
        }
    }

    private static double AsNumber(object? value) => value switch
    {
        TimeSpan s => s.TotalSeconds,
        int n => n,
        bool b => b ? 1 : 0,
        Enum e => Convert.ToInt32(e),
        _ => throw new ArgumentException($"a tunable of type {value?.GetType().Name}"),
    };

    [Test]
    public void Names_AreUniqueWithinEachTable()
    {
        foreach (var table in new IReadOnlyList<Tunable>[] { PeerTunables.All, SeedTunables.All })
        {
            Assert.That(table.Select(t => t.JsonName), Is.Unique);
            Assert.That(table.Select(t => t.Option), Is.Unique);
            Assert.That(table.Select(t => t.Property), Is.Unique);
        }
    }

    [Test]
    public void Defaults_AreValid()
    {
        Assert.DoesNotThrow(() => new PeerConfig().Validate());
        Assert.DoesNotThrow(() => new SeedConfig().Validate());
    }

    [TestCase(TunableUnit.Seconds, "2.5", true, 2.5)]
    [TestCase(TunableUnit.Seconds, "0.0001", true, 0.0001)]
    [TestCase(TunableUnit.Seconds, "0", false, 0)]
    [TestCase(TunableUnit.Seconds, "-1", false, 0)]
    [TestCase(TunableUnit.Seconds, "1e10", false, 0)]
    [TestCase(TunableUnit.Seconds, "NaN", false, 0)]
    [TestCase(TunableUnit.Seconds, "soon", false, 0)]
    [TestCase(TunableUnit.Count, "3", true, 3)]
    [TestCase(TunableUnit.Count, "0", false, 0)]
    [TestCase(TunableUnit.Count, "2.5", false, 0)]
    [TestCase(TunableUnit.Flag, "true", true, 1)]
    [TestCase(TunableUnit.Flag, "False", true, 0)]
    [TestCase(TunableUnit.Flag, "yes", false, 0)]
    public void Parse_AcceptsOnlyValidValues(TunableUnit unit, string text, bool valid, double expected)
    {
        // the first entry of each unit among the peer's: ping interval (seconds), links (a count of at least 1), reattach (a flag)
        var t = PeerTunables.All.First(e => e.Unit == unit && (unit != TunableUnit.Count || e.Min == 1));
        Assert.That(t.TryParse(text, out double value), Is.EqualTo(valid));
        if (valid) Assert.That(value, Is.EqualTo(expected));
    }

    [Test]
    public void EveryValue_RoundTripsThroughItsText_AndTheRecord()
    {
        RoundTrip(PeerTunables.All, new PeerConfig());
        RoundTrip(SeedTunables.All, new SeedConfig());
    }

    private static void RoundTrip<TConfig>(IReadOnlyList<Tunable<TConfig>> table, TConfig defaults)
    {
        foreach (var t in table)
        {
            var values = new[] { t.Get(defaults), TunableSamples.OtherThan(t, t.Get(defaults)) };
            if (t.Unit == TunableUnit.Seconds) values = [.. values, 1.0 / 3, 4.2123, 0.0000001];
            foreach (double value in values)
            {
                var config = t.Set(defaults, value);
                Assert.That(t.TryParse(t.Format(t.Get(config)), out double back), Is.True, t.JsonName);
                Assert.That(t.Set(defaults, back), Is.EqualTo(config), $"{t.JsonName} {value}: the record after a pass through text");
            }
        }
    }

    [TestCase(4.2123, 42_123_000L)]
    [TestCase(0.6, 6_000_000L)]
    [TestCase(1.0 / 3, 3_333_333L)]
    [TestCase(0.00000006, 1L)]
    public void ADuration_IsTheNearestTick(double seconds, long ticks) =>
        Assert.That(PeerTunables.All.Single(t => t.Property == nameof(PeerConfig.PingInterval)).Set(new PeerConfig(), seconds).PingInterval.Ticks, Is.EqualTo(ticks));

    [Test]
    public void AWaitNotLongerThanTheWaitInsideIt_IsAViolation_NamedAsAsked()
    {
        var config = new PeerConfig { WitnessProbeTimeout = TimeSpan.FromSeconds(4), SuspicionQueryTimeout = TimeSpan.FromSeconds(4) };
        var violation = Tunables.Violations(config, PeerTunables.All, t => t.Option).Single();
        Assert.That((violation.Tunable.Property, violation.Expected),
            Is.EqualTo((nameof(PeerConfig.SuspicionQueryTimeout), "longer than --witness-probe-timeout (4 s)")));
        Assert.That(() => config.Validate(), Throws.ArgumentException.With.Message.EqualTo("SuspicionQueryTimeout must be longer than WitnessProbeTimeout (4 s)"));
        Assert.That(() => new SeedConfig { ProposalTimeout = TimeSpan.FromSeconds(3) }.Validate(),
            Throws.ArgumentException.With.Message.EqualTo("ProposalTimeout must be longer than ProbeTimeout (3 s)"));
    }

    [Test]
    public void AValueOutOfRange_IsRefusedByValidate()
    {
        Assert.That(() => new PeerConfig { MissesBeforeSuspect = 0 }.Validate(), Throws.ArgumentException.With.Message.EqualTo("MissesBeforeSuspect must be a whole number of at least 1"));
        Assert.That(() => new SeedConfig { SyncBatch = 0 }.Validate(), Throws.ArgumentException.With.Message.EqualTo("SyncBatch must be a whole number of at least 1"));
        Assert.That(() => new PeerConfig { MessageListCapacity = 15 }.Validate(), Throws.ArgumentException);
    }
}
