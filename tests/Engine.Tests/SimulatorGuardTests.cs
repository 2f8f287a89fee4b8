using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using GossipSim.Engine.Core;
using GossipSim.Simulator.Network;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

/// <summary>
/// The protocol stands without the simulator, checked on the compiled Engine assembly (like
/// <see cref="EngineGuardTests"/>): it references neither GossipSim.Simulator nor an assembly only
/// the simulator needs, and holds no unsafe code (the simulator's prefetch, its pointers and
/// pinning stay in the simulator's project, the only one allowed unsafe code).
/// </summary>
public class SimulatorGuardTests
{
    /// <summary>The simulator, and what only it needs: its threads and the CPU's prefetch instruction.</summary>
    public static readonly string[] SimulatorOnlyAssemblies =
        ["GossipSim.Simulator", "System.Threading.Thread", "System.Collections.Concurrent", "System.Runtime.Intrinsics"];

    /// <summary>Types that reach past the type system: raw addresses, pinning, unmanaged memory, CPU instructions.</summary>
    private static readonly string[] UnsafeTypes =
    [
        "System.Runtime.CompilerServices.Unsafe",
        "System.Runtime.InteropServices.GCHandle",
        "System.Runtime.InteropServices.NativeMemory",
        "System.Runtime.Intrinsics.X86.Sse",
    ];

    /// <summary>Every way <paramref name="assemblyPath"/> leans on the simulator or on unsafe code, one line each.</summary>
    public static List<string> Violations(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var md = pe.GetMetadataReader();
        var found = new List<string>();
        foreach (var h in md.AssemblyReferences)
        {
            string name = md.GetString(md.GetAssemblyReference(h).Name);
            if (SimulatorOnlyAssemblies.Contains(name)) found.Add($"references {name}");
        }
        // The compiler marks a module built with unsafe code (pointers, fixed, stackalloc into a pointer).
        foreach (var h in md.GetModuleDefinition().GetCustomAttributes())
            if (AttributeTypeOf(md, md.GetCustomAttribute(h)) == "System.Security.UnverifiableCodeAttribute")
                found.Add("compiled with unsafe code");
        foreach (var h in md.TypeReferences)
        {
            var t = md.GetTypeReference(h);
            string type = $"{md.GetString(t.Namespace)}.{md.GetString(t.Name)}";
            if (UnsafeTypes.Contains(type)) found.Add($"uses {type}");
        }
        return found;
    }

    private static string AttributeTypeOf(MetadataReader md, CustomAttribute a)
    {
        if (a.Constructor.Kind != HandleKind.MemberReference) return "";
        var parent = md.GetMemberReference((MemberReferenceHandle)a.Constructor).Parent;
        if (parent.Kind != HandleKind.TypeReference) return "";
        var t = md.GetTypeReference((TypeReferenceHandle)parent);
        return $"{md.GetString(t.Namespace)}.{md.GetString(t.Name)}";
    }

    private static string EnginePath => typeof(Rng).Assembly.Location;
    private static string SimulatorPath => typeof(SimNetwork).Assembly.Location;

    [Test]
    public void Engine_LeansNeitherOnTheSimulator_NorOnUnsafeCode() =>
        Assert.That(Violations(EnginePath), Is.Empty, "the protocol must build and run without the simulator");

    /// <summary>The guard itself: it finds the simulator's unsafe code and its own assemblies in the simulator.</summary>
    [Test]
    public void TheGuard_FindsTheSimulatorsUnsafeCode_InTheSimulator()
    {
        var found = Violations(SimulatorPath);
        Assert.That(found, Does.Contain("compiled with unsafe code"));
        Assert.That(found, Does.Contain("uses System.Runtime.CompilerServices.Unsafe"));
        Assert.That(found, Does.Contain("uses System.Runtime.Intrinsics.X86.Sse"));
    }

    /// <summary>The guard itself: this test assembly references the simulator (its harness runs nodes on it), and the guard says so.</summary>
    [Test]
    public void TheGuard_FindsAReferenceToTheSimulator_WhereThereIsOne() =>
        Assert.That(Violations(typeof(SimulatorGuardTests).Assembly.Location), Does.Contain("references GossipSim.Simulator"));

    /// <summary>The list names what the simulator uses today: an assembly it stops needing is taken off, not kept as a rule that cannot fire.</summary>
    [Test]
    public void EverySimulatorOnlyAssembly_IsOneTheSimulatorReferences()
    {
        using var pe = new PEReader(File.OpenRead(SimulatorPath));
        var md = pe.GetMetadataReader();
        var references = md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).Append("GossipSim.Simulator");
        Assert.That(references, Is.SupersetOf(SimulatorOnlyAssemblies));
    }
}
