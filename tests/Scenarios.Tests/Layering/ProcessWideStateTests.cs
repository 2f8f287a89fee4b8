using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Layering;

/// <summary>
/// No process-wide mutable state in the protocol, the simulator or the analysis, read from the
/// compiled assemblies: no static field that can be assigned after start-up, and no static
/// collection or array that is written after its type's static constructor filled it. Two runs in
/// one process (tests, compare, a swarm, several ranks on threads) must not see each other
/// through a static. Both rules are shown to fire on statics planted in this test assembly.
/// </summary>
public class ProcessWideStateTests
{
    /// <summary>A static the rules let stand, by its name, and why.</summary>
    public sealed record Offender(string Project, string Field, string Why)
    {
        public override string ToString() => Field;
    }

    /// <summary>Statics that are the process's by nature, not a run's: each says why.</summary>
    public static readonly Offender[] Allowed =
    [
        new("GossipSim.Engine", "GossipSim.Engine.Peer.BroadcastMenu.s_choices",
            "the broadcast menu: a host registers its own broadcasts at start-up, before any run, and every run reads the same menu"),
        new("GossipSim.Engine", "GossipSim.Engine.Peer.FailureDetectorMenu.s_choices",
            "the failure detector menu: a host registers its own detectors at start-up, before any run, and every run reads the same menu"),
        new("GossipSim.Engine", "GossipSim.Engine.Peer.OverlayMenu.s_choices",
            "the overlay menu: a host registers its own overlays at start-up, before any run, and every run reads the same menu"),
        new("GossipSim.Engine", "GossipSim.Engine.Config.PeerTunables.s_roleSettings",
            "the settings of the broadcasts, detectors and overlays a host registers at start-up, written with their menus and "
            + "the menus' names (PeerTunables.AddRole): one table of tunables still"),
        new("GossipSim.Engine", "GossipSim.Engine.Config.PeerTunables.s_all",
            "the table of tunables, rebuilt once for each broadcast or detector a host registers at start-up (the engine's own and "
            + "the settings)"),
        new("GossipSim.Simulator", "GossipSim.Simulator.Ranks.Mpi.MpiRanks.s_started",
            "MPI is the process's: MPI_Init may run once per process, so the guard that refuses a second start is too"),
        new("GossipSim.Simulator", "GossipSim.Simulator.Threads.Preemptions._missing",
            "remembers that this machine's C library lacks getrusage: a fact of the process that never changes a count"),
        new("GossipSim.Simulator", "GossipSim.Simulator.Threads.IdleClass._missing",
            "remembers that this machine's C library lacks gettid or sched_setscheduler: a fact of the process, not of a run"),
        new("GossipSim.Simulator", "GossipSim.Simulator.Threads.WorkerGang.Idle",
            "the idle thread gangs, a pool like the runtime's thread pool: which gang runs a round never changes what it computes"),
    ];

    public static readonly string[] Projects = ["GossipSim.Engine", "GossipSim.Simulator", "GossipSim.Analysis"];

    [TestCaseSource(nameof(Projects))]
    public void NoStaticField_CanBeAssignedAfterStartUp(string project)
    {
        var known = Allowed.Where(k => k.Project == project).Select(k => k.Field);
        Assert.That(AssignableStatics(Assembly.Load(project), project).Except(known), Is.Empty,
            "make it readonly (or const), or make it an instance field of what owns the run");
    }

    [TestCaseSource(nameof(Projects))]
    public void NoStaticCollection_IsWrittenAfterStartUp(string project)
    {
        var allowed = Allowed.Where(a => a.Project == project).Select(a => a.Field + " ").ToList();
        Assert.That(WrittenStaticCollections(Assembly.Load(project), project).Where(w => !allowed.Any(w.StartsWith)), Is.Empty,
            "a static table is filled by its static constructor and only read after; per-run state belongs to the run");
    }

    [Test]
    public void EachListedStatic_IsStillThere()
    {
        foreach (var k in Allowed)
            Assert.That(AssignableStatics(Assembly.Load(k.Project), k.Project)
                    .Concat(WrittenStaticCollections(Assembly.Load(k.Project), k.Project).Select(w => w[..w.IndexOf(' ')])),
                Does.Contain(k.Field),
                $"{k.Field} is gone: remove it from the list");
    }

    // ---- the rules ----

    /// <summary>Static fields that are neither readonly nor const, as "Namespace.Type.Field" (an auto-property by its name).</summary>
    public static List<string> AssignableStatics(Assembly assembly, string prefix) =>
        StaticFields(assembly, prefix).Where(f => !f.IsInitOnly && !f.IsLiteral).Select(Name).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Static readonly collections and arrays that a method other than their type's static
    /// constructor writes: it calls a mutator on the field's value (Add, Clear, the indexer's
    /// setter...), stores into its elements, or hands it to a method that can (Array.Fill, AsSpan).
    /// </summary>
    public static List<string> WrittenStaticCollections(Assembly assembly, string prefix)
    {
        var tables = StaticFields(assembly, prefix).Where(f => f.IsInitOnly && IsMutableCollection(f.FieldType))
            .ToDictionary(f => (f.Module, f.MetadataToken));
        if (tables.Count == 0) return [];
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in TypesOf(assembly))
            foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
            {
                var code = DependencyGraph.Instructions(method, type.Module).ToList();
                for (int i = 0; i < code.Count; i++)
                {
                    if (code[i].Op != OpCodes.Ldsfld || code[i].Member is not FieldInfo loaded
                        || !tables.TryGetValue((loaded.Module, loaded.MetadataToken), out var f)) continue;
                    if (method is ConstructorInfo { IsStatic: true } && Outermost(type) == Outermost(f.DeclaringType!)) continue;
                    if (WritesTheValueLoadedAt(code, i)) found.Add($"{Name(f)} written by {method.DeclaringType!.Name}.{method.Name}");
                }
            }
        return found.ToList();
    }

    private static readonly HashSet<string> Mutators =
    [
        "Add", "AddRange", "Insert", "InsertRange", "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "RemoveWhere", "Clear",
        "set_Item", "TryAdd", "TryRemove", "TryUpdate", "GetOrAdd", "AddOrUpdate", "Enqueue", "Dequeue", "TryDequeue", "Push",
        "Pop", "TryPop", "TryTake", "Sort", "Reverse", "UnionWith", "ExceptWith", "IntersectWith", "SymmetricExceptWith",
        "AddFirst", "AddLast", "RemoveFirst", "RemoveLast", "EnsureCapacity", "TrimExcess", "Fill", "Copy", "AsSpan",
        "GetValueRefOrAddDefault", "GetValueRefOrNullRef", "SetCount", "Resize",
    ];

    /// <summary>
    /// Follows the value an ldsfld pushed to the instruction that consumes it (tracking the stack's
    /// depth, up to the first branch): a write when that is a mutator call or an element store.
    /// </summary>
    private static bool WritesTheValueLoadedAt(List<(OpCode Op, MemberInfo? Member)> code, int load)
    {
        int depth = 0; // values pushed above the loaded one
        for (int i = load + 1; i < code.Count; i++)
        {
            var (op, member) = code[i];
            if (op == OpCodes.Dup && depth == 0) continue; // a copy: follow the original
            int pops = Pops(op, member);
            if (pops > depth)
            {
                // This instruction consumes the loaded value.
                if (op.StackBehaviourPop is StackBehaviour.Popref_popi_pop1 or StackBehaviour.Popref_popi_popi
                    or StackBehaviour.Popref_popi_popi8 or StackBehaviour.Popref_popi_popr4 or StackBehaviour.Popref_popi_popr8
                    or StackBehaviour.Popref_popi_popref)
                    return true;
                // An element's address: a write unless it is only read through (a tuple's field, say).
                if (op == OpCodes.Ldelema) return i + 1 >= code.Count || code[i + 1].Op != OpCodes.Ldfld && code[i + 1].Op != OpCodes.Ldobj;
                return member is MethodBase m && Mutators.Contains(m.Name);
            }
            // A conditional branch is walked through: its fall-through is the way a cached lambda or
            // a "??" is built, which leaves the stack as the jump would. Past a jump, the stack is unknown.
            if (op.FlowControl is FlowControl.Branch or FlowControl.Return or FlowControl.Throw) return false;
            depth += Pushes(op, member) - pops;
        }
        return false;
    }

    private static int Pops(OpCode op, MemberInfo? member) => op.StackBehaviourPop switch
    {
        StackBehaviour.Pop0 => 0,
        StackBehaviour.Pop1 or StackBehaviour.Popi or StackBehaviour.Popref => 1,
        StackBehaviour.Popi_popi_popi or StackBehaviour.Popref_popi_popi or StackBehaviour.Popref_popi_popi8
            or StackBehaviour.Popref_popi_popr4 or StackBehaviour.Popref_popi_popr8 or StackBehaviour.Popref_popi_popref
            or StackBehaviour.Popref_popi_pop1 => 3,
        StackBehaviour.Varpop when member is MethodBase m =>
            m.GetParameters().Length + (m.CallingConvention.HasFlag(CallingConventions.HasThis) && op != OpCodes.Newobj ? 1 : 0),
        StackBehaviour.Varpop => 0,
        _ => 2,
    };

    private static int Pushes(OpCode op, MemberInfo? member) => op.StackBehaviourPush switch
    {
        StackBehaviour.Push0 => 0,
        StackBehaviour.Push1_push1 => 2,
        StackBehaviour.Varpush => member is MethodInfo m && m.ReturnType != typeof(void) || op == OpCodes.Newobj ? 1 : 0,
        _ => 1,
    };

    private static bool IsMutableCollection(Type t)
    {
        if (t.IsArray) return true;
        if (t.Name.StartsWith("ReadOnly", StringComparison.Ordinal)) return false;
        return t.Namespace is "System.Collections" or "System.Collections.Generic" or "System.Collections.Concurrent"
            && !t.IsInterface;
    }

    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The assembly's types under <paramref name="prefix"/>, the compiler's own (lambda caches, iterators) left out.</summary>
    private static IEnumerable<Type> TypesOf(Assembly assembly) =>
        assembly.GetTypes().Where(t => !t.Name.StartsWith('<') && !IsCompilerMade(t));

    private static IEnumerable<FieldInfo> StaticFields(Assembly assembly, string prefix) =>
        TypesOf(assembly).Where(t => Outermost(t).Namespace is { } ns && (ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal)))
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly));

    private static bool IsCompilerMade(Type t)
    {
        for (Type? x = t; x != null; x = x.DeclaringType)
            if (x.IsDefined(typeof(CompilerGeneratedAttribute), false)) return true;
        return false;
    }

    private static Type Outermost(Type t)
    {
        while (t.DeclaringType != null) t = t.DeclaringType;
        return t;
    }

    /// <summary>"Namespace.Type.Field"; an auto-property's backing field by the property's name.</summary>
    private static string Name(FieldInfo f)
    {
        string field = f.Name.StartsWith('<') && f.Name.EndsWith(">k__BackingField", StringComparison.Ordinal) ? f.Name[1..f.Name.IndexOf('>')] : f.Name;
        var type = f.DeclaringType!;
        string typeName = type.Name;
        for (var d = type.DeclaringType; d != null; d = d.DeclaringType) typeName = d.Name + "." + typeName;
        return $"{Outermost(type).Namespace}.{typeName}.{field}";
    }

    // ---- each rule fires on a planted static ----

    private const string Planted = "GossipSim.Scenarios.Tests.Layering.PlantedState";

    [Test]
    public void TheAssignableRule_Fires_OnPlantedStatics()
    {
        Assert.That(AssignableStatics(typeof(ProcessWideStateTests).Assembly, Planted),
            Is.EqualTo(new[] { $"{Planted}.RunCounter.Current", $"{Planted}.RunCounter.Runs" }));
    }

    [Test]
    public void TheCollectionRule_Fires_OnPlantedWrites_NotOnAFilledTable()
    {
        Assert.That(WrittenStaticCollections(typeof(ProcessWideStateTests).Assembly, Planted), Is.EqualTo(new[]
        {
            $"{Planted}.Registry.Buffer written by Registry.Scratch",
            $"{Planted}.Registry.Names written by Registry.Register",
            $"{Planted}.Registry.Seen written by Registry.Remember",
        }));
    }
}
