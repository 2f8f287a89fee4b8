using System.Text.RegularExpressions;
using GossipSim.Engine.Config;

namespace GossipSim.Engine.Peer;

/// <summary>What the three menus (<see cref="BroadcastMenu"/>, <see cref="FailureDetectorMenu"/>, <see cref="OverlayMenu"/>) ask of a new
/// entry, in one place: a name in the scenario's words, and settings whose field and option nobody has taken.</summary>
internal static partial class RoleMenuRules
{
    /// <summary>Throws with why when <paramref name="name"/> or a setting cannot go on the <paramref name="kind"/> menu.</summary>
    public static void CheckNew(string kind, string name, IReadOnlyList<(Tunable<PeerConfig> Tunable, double Default)> settings)
    {
        if (!NamePattern().IsMatch(name))
            throw new ArgumentException($"a {kind}'s name is lower case letters, digits and dashes, starting with a letter; "
                + $"\"{name}\" is not");
        foreach (var (setting, _) in settings)
        {
            if (PeerTunables.All.FirstOrDefault(t => t.Field == setting.Field || t.Option == setting.Option) is { } taken)
                throw new ArgumentException($"{kind} \"{name}\": its setting {setting.Field} ({setting.Option}) is "
                    + $"taken by {taken.JsonName} ({taken.Option})");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex NamePattern();
}
