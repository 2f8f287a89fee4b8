using System.Collections;
using System.Reflection;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.TestSupport;

/// <summary>
/// Compares two message graphs by value, arrays by their elements: records compare arrays by
/// reference, which says nothing about a decoded copy.
/// </summary>
public static class StructuralEquality
{
    public static string? Difference(object? expected, object? actual, string path = "message")
    {
        if (expected is null || actual is null)
            return ReferenceEquals(expected, actual) ? null : $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}";
        if (expected.GetType() != actual.GetType())
            return $"{path}: expected a {expected.GetType().Name}, got a {actual.GetType().Name}";
        var type = expected.GetType();
        if (type.IsPrimitive || type.IsEnum || expected is string or TimeSpan or NodeKey || (type.IsValueType && !HoldsReferences(type)))
            return Equals(expected, actual) ? null : $"{path}: expected {expected}, got {actual}";
        if (expected is IEnumerable a && actual is IEnumerable b)
        {
            var x = a.Cast<object?>().ToList();
            var y = b.Cast<object?>().ToList();
            if (x.Count != y.Count) return $"{path}: expected {x.Count} elements, got {y.Count}";
            for (int i = 0; i < x.Count; i++)
                if (Difference(x[i], y[i], $"{path}[{i}]") is { } d) return d;
            return null;
        }
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.Name == "EqualityContract") continue;
            if (Difference(p.GetValue(expected), p.GetValue(actual), $"{path}.{p.Name}") is { } d) return d;
        }
        return null;
    }

    /// <summary>A value type whose record equality would compare an array or an object (a commit's proof) by reference.</summary>
    private static bool HoldsReferences(Type t) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => p.PropertyType.IsArray || (p.PropertyType.IsClass && p.PropertyType != typeof(string)));
}
