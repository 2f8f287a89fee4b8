using System.Diagnostics;
using System.Net.Sockets;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

/// <summary>
/// The design's one rule, checked on the compiled Engine assembly rather than on its text (so a
/// comment cannot trip it and an alias cannot hide a use): Engine never references sockets, the
/// wall clock, a stopwatch, threads, timers or delays of its own, or System.Random. Everything
/// of that kind comes in through the seams (ITransport, IClock, Rng).
/// </summary>
public class EngineGuardTests
{
    /// <summary>What Engine may not reference: a whole type (member null) or one member of it.</summary>
    public sealed record Forbidden(string Namespace, string Type, string? Member, string Why)
    {
        public override string ToString() => Member == null ? $"{Namespace}.{Type}" : $"{Namespace}.{Type}.{Member}";
    }

    public static readonly Forbidden[] Rules =
    [
        new("System.Net.Sockets", "*", null, "sockets belong to RealNet's transport"),
        new("System", "DateTime", "get_Now", "the wall clock: time comes from IClock"),
        new("System", "DateTime", "get_UtcNow", "the wall clock: time comes from IClock"),
        new("System", "DateTimeOffset", "get_Now", "the wall clock: time comes from IClock"),
        new("System", "DateTimeOffset", "get_UtcNow", "the wall clock: time comes from IClock"),
        new("System", "Environment", "get_TickCount", "the wall clock: time comes from IClock"),
        new("System", "Environment", "get_TickCount64", "the wall clock: time comes from IClock"),
        new("System", "TimeProvider", null, "real time and timers: they come from IClock"),
        new("System.Diagnostics", "Stopwatch", null, "real time: a run must not depend on how fast it runs"),
        new("System.Threading", "Thread", null, "a node is single-threaded; the runtime owns threads"),
        new("System.Threading", "ThreadPool", null, "a node is single-threaded; the runtime owns threads"),
        new("System.Threading", "Timer", null, "timers come from IClock"),
        new("System.Threading.Tasks", "Parallel", null, "a node is single-threaded; the runtime owns threads"),
        new("System.Threading.Tasks", "Task", "Run", "a node is single-threaded; the runtime owns threads"),
        new("System.Threading.Tasks", "Task", "Delay", "delays are timers from IClock"),
        new("System", "Random", null, "randomness is the node's own seeded Rng"),
    ];

    /// <summary>
    /// Types a forbidden namespace may still lend: System.Net.Sockets.AddressFamily is an enum
    /// that NodeAddress reads off a parsed IPAddress to refuse IPv6; it opens nothing.
    /// </summary>
    private static readonly HashSet<string> Allowed = ["System.Net.Sockets.AddressFamily"];

    /// <summary>Every forbidden type or member <paramref name="assemblyPath"/> references, as "rule: what".</summary>
    public static List<string> Violations(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var md = pe.GetMetadataReader();
        var found = new List<string>();
        foreach (var h in md.TypeReferences)
        {
            var (ns, name) = NameOf(md, h);
            if (Allowed.Contains($"{ns}.{name}")) continue;
            foreach (var rule in Rules)
                if (rule.Member == null && rule.Namespace == ns && (rule.Type == "*" || rule.Type == name))
                    found.Add($"{rule}: {ns}.{name} ({rule.Why})");
        }
        foreach (var h in md.MemberReferences)
        {
            var member = md.GetMemberReference(h);
            if (member.Parent.Kind != HandleKind.TypeReference) continue;
            var (ns, type) = NameOf(md, (TypeReferenceHandle)member.Parent);
            string name = md.GetString(member.Name);
            foreach (var rule in Rules)
                if (rule.Member == name && rule.Namespace == ns && rule.Type == type)
                    found.Add($"{rule}: called ({rule.Why})");
        }
        return found.Distinct().ToList();
    }

    private static (string Namespace, string Name) NameOf(MetadataReader md, TypeReferenceHandle h)
    {
        var t = md.GetTypeReference(h);
        // A nested type's namespace is its enclosing type's.
        if (t.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            var (ns, outer) = NameOf(md, (TypeReferenceHandle)t.ResolutionScope);
            return ($"{ns}.{outer}", md.GetString(t.Name));
        }
        return (md.GetString(t.Namespace), md.GetString(t.Name));
    }

    [Test]
    public void Engine_ReferencesNoSocket_Clock_Thread_Delay_OrGlobalRandom()
    {
        var violations = Violations(typeof(Rng).Assembly.Location);
        Assert.That(violations, Is.Empty, "Engine must reach the world only through its seams");
    }

    /// <summary>
    /// The guard itself: each rule finds its use in an assembly that has one (this test assembly,
    /// through <see cref="Offender"/>), so a rule that could never fire does not pass for a check.
    /// </summary>
    [TestCaseSource(nameof(Rules))]
    public void EachRule_FindsItsUse_WhereThereIsOne(Forbidden rule)
    {
        var violations = Violations(typeof(EngineGuardTests).Assembly.Location);
        Assert.That(violations, Has.Some.StartsWith(rule + ":"));
    }

    /// <summary>Uses every forbidden thing once; never called, only compiled, for the guard to find.</summary>
    private static class Offender
    {
        public static object[] Uses() =>
        [
            new Socket(SocketType.Stream, ProtocolType.Tcp),
            DateTime.Now, DateTime.UtcNow, DateTimeOffset.Now, DateTimeOffset.UtcNow,
            Environment.TickCount, Environment.TickCount64,
            TimeProvider.System,
            Stopwatch.StartNew(),
            new Thread(() => { }),
            ThreadPool.QueueUserWorkItem(_ => { }),
            new Timer(_ => { }),
            Parallel.For(0, 1, _ => { }),
            Task.Run(() => { }),
            Task.Delay(1),
            new Random(1),
        ];
    }
}
