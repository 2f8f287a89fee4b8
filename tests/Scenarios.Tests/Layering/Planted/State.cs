// Statics planted for ProcessWideStateTests: every kind of process-wide mutable state it must
// find, beside a static table that is only filled at start-up (which it must not). Never run,
// only compiled.

namespace GossipSim.Scenarios.Tests.Layering.PlantedState;

internal static class RunCounter
{
    public static int Runs;
    public static string? Current { get; set; }
    public static readonly int Limit = 3;
    public const int Most = 4;

    public static void Count() => Runs++;

    public static Func<int, int> Twice() => x => x * 2; // a lambda cache: the compiler's static, not ours
}

internal static class Registry
{
    private static readonly List<string> Names = [];
    private static readonly HashSet<int> Seen = [];
    private static readonly int[] Buffer = new int[4];
    private static readonly Dictionary<string, int> Table = new() { ["a"] = 1 };

    static Registry()
    {
        Table["b"] = 2; // filled at start-up: allowed
    }

    public static void Register(string name) => Names.Add(name);

    public static bool Remember(int id) => Seen.Add(id);

    public static void Scratch(int i) => Buffer[i] = i;

    public static int Lookup(string key) => Table[key] + Buffer[0] + Names.Count + (Seen.Contains(1) ? 1 : 0);
}
