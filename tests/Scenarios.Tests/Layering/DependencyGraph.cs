using System.Reflection;
using System.Reflection.Emit;

namespace GossipSim.Scenarios.Tests.Layering;

/// <summary>
/// Which namespace uses which, read from compiled assemblies (not from their text, so a comment
/// cannot trip it and a fully qualified name cannot hide a use): every type a type names in its
/// base types, interfaces, fields, properties, method signatures, attributes, generic arguments
/// and the instructions of its method bodies. Namespaces are folders here (the house rule), so
/// this is also the folder graph. One blind spot: the compiler copies a constant's value into
/// its user, so reading another folder's <c>const</c> leaves no trace to find.
/// </summary>
public static class DependencyGraph
{
    /// <summary>Namespace → the namespaces it uses, for the types of <paramref name="assembly"/>
    /// whose namespace starts with <paramref name="prefix"/>; only targets under the same prefix.</summary>
    public static Dictionary<string, SortedSet<string>> Of(Assembly assembly, string prefix) => Of(assembly, prefix, prefix);

    /// <summary>As <see cref="Of(Assembly, string)"/>, with targets anywhere under <paramref name="targetPrefix"/>
    /// (for example "GossipSim", to see which folder of one project uses which other project).</summary>
    public static Dictionary<string, SortedSet<string>> Of(Assembly assembly, string prefix, string targetPrefix)
    {
        var edges = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            string? from = NamespaceOf(type);
            if (from == null || !Under(from, prefix)) continue;
            if (!edges.TryGetValue(from, out var targets)) edges[from] = targets = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var used in TypesUsedBy(type))
            {
                string? to = NamespaceOf(used);
                if (to != null && to != from && Under(to, targetPrefix)) targets.Add(to);
            }
        }
        return edges;
    }

    /// <summary>The GossipSim assemblies <paramref name="assembly"/> references by name.</summary>
    public static SortedSet<string> ProjectReferences(Assembly assembly) =>
        new(assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("GossipSim.", StringComparison.Ordinal)), StringComparer.Ordinal);

    /// <summary>The groups of namespaces that use each other in a circle (each group two or more namespaces).</summary>
    public static List<List<string>> Cycles(Dictionary<string, SortedSet<string>> edges)
    {
        // Tarjan's strongly connected components, iteration order fixed so messages are stable.
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var found = new List<List<string>>();
        int next = 0;
        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in edges.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            if (component.Count > 1) { component.Sort(StringComparer.Ordinal); found.Add(component); }
        }
        foreach (var v in edges.Keys.OrderBy(k => k, StringComparer.Ordinal))
            if (!index.ContainsKey(v)) Visit(v);
        return found;
    }

    /// <summary>The graph as "A -> B, C" lines, for a failure message a reader can act on.</summary>
    public static string Describe(Dictionary<string, SortedSet<string>> edges, string prefix) =>
        string.Join("\n", edges.OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => $"{Short(e.Key, prefix)} -> {string.Join(", ", e.Value.Select(v => Short(v, prefix)))}"));

    public static string Short(string ns, string prefix) => ns.Length > prefix.Length ? ns[(prefix.Length + 1)..] : "(root)";

    private static bool Under(string ns, string prefix) =>
        ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal);

    /// <summary>A type's namespace; a nested or compiler-made type counts as its outermost type's.</summary>
    private static string? NamespaceOf(Type t)
    {
        while (t.IsArray || t.IsByRef || t.IsPointer) t = t.GetElementType()!;
        while (t.DeclaringType != null) t = t.DeclaringType;
        return t.Namespace;
    }

    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<Type> TypesUsedBy(Type type)
    {
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t == null || t.IsGenericParameter || !found.Add(t)) return;
            if (t.HasElementType) Add(t.GetElementType());
            if (t.IsGenericType) foreach (var a in t.GetGenericArguments()) Add(a);
        }
        void AddAttributes(IEnumerable<CustomAttributeData> attributes)
        {
            foreach (var a in attributes) Add(a.AttributeType);
        }
        Add(type.BaseType);
        foreach (var i in type.GetInterfaces()) Add(i);
        AddAttributes(type.CustomAttributes);
        foreach (var f in type.GetFields(Everything)) { Add(f.FieldType); AddAttributes(f.CustomAttributes); }
        foreach (var p in type.GetProperties(Everything)) Add(p.PropertyType);
        foreach (var e in type.GetEvents(Everything)) Add(e.EventHandlerType);
        foreach (var m in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (m is MethodInfo mi) Add(mi.ReturnType);
            foreach (var p in m.GetParameters()) Add(p.ParameterType);
            foreach (var t in TypesInBody(m, type.Module)) Add(t);
        }
        return found;
    }

    /// <summary>The types a method's instructions name: calls, field loads, allocations, casts, typeof.</summary>
    private static IEnumerable<Type> TypesInBody(MethodBase method, Module module)
    {
        foreach (var (_, member) in Instructions(method, module))
            if ((member as Type ?? member?.DeclaringType) is { } used) yield return used;
    }

    /// <summary>
    /// A method's instructions in order, each with the member its operand names (a method, field or
    /// type; null for other operands or one that cannot be resolved).
    /// </summary>
    public static IEnumerable<(OpCode Op, MemberInfo? Member)> Instructions(MethodBase method, Module module)
    {
        byte[]? il;
        try { il = method.GetMethodBody()?.GetILAsByteArray(); }
        catch (BadImageFormatException) { yield break; }
        if (il == null) yield break;
        Type[]? typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        Type[]? methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int pos = 0;
        while (pos < il.Length)
        {
            OpCode op;
            if (il[pos] == 0xFE) { op = TwoByte[il[pos + 1]]; pos += 2; }
            else { op = OneByte[il[pos]]; pos += 1; }
            int size = OperandSize(op.OperandType, il, pos);
            MemberInfo? member = null;
            if (op.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                try { member = module.ResolveMember(BitConverter.ToInt32(il, pos), typeArgs, methodArgs); }
                catch (ArgumentException) { }
            }
            yield return (op, member);
            pos += size;
        }
    }

    private static int OperandSize(OperandType kind, byte[] il, int pos) => kind switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, pos),
        _ => 4,
    };

    private static readonly OpCode[] OneByte = new OpCode[256];
    private static readonly OpCode[] TwoByte = new OpCode[256];

    static DependencyGraph()
    {
        foreach (var f in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (f.GetValue(null) is not OpCode op) continue;
            ushort value = (ushort)op.Value;
            if (op.Size == 1) OneByte[value] = op;
            else TwoByte[value & 0xFF] = op;
        }
    }
}
