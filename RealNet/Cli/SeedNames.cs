using System.Globalization;
using System.Net;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Cli;

/// <summary>
/// A seed list whose lines may name a seed by host name ("seed-1:5001", as a container
/// orchestrator names it): each name is resolved when the list is read, and again each time a
/// connection to that seed is made (<see cref="DialAddress"/>), so a seed whose container came
/// back on another address is reached there. The Engine's list (<see cref="SeedListFile"/>) sees
/// only addresses: for a named line that pins a key, one made from the key (<see cref="NameOf(NodeKey, int)"/>), the same at
/// every node whenever it reads the list, so that the seed is known by its key wherever its name points now (issue 56, 1);
/// for a named line without a key, the address its name had when the list was read.
/// </summary>
public sealed class SeedNames
{
    private readonly Dictionary<NodeAddress, (string Host, int Port)> _named;
    private readonly Dictionary<NodeAddress, NodeAddress> _lastResolved; // by entry address: where its name pointed last (dial threads)
    private readonly object _gate = new();
    private readonly Func<string, (IPAddress? Ip, string Error)> _resolve;

    private SeedNames(SeedList list, Dictionary<NodeAddress, (string, int)> named,
        Dictionary<NodeAddress, NodeAddress> lastResolved, Func<string, (IPAddress?, string)> resolve, IReadOnlyList<string> unresolved)
    {
        Unresolved = unresolved;
        Entries = list.Seeds;
        OperatorKey = list.OperatorKey;
        OperatorLine = list.OperatorLine;
        _named = named;
        _lastResolved = lastResolved;
        _resolve = resolve;
    }

    /// <summary>The list's seeds, names resolved (an entry's address is the one its name had when the list was read).</summary>
    public IReadOnlyList<SeedListEntry> Entries { get; }

    /// <summary>The operator's public key the list pins (base64, "operator KEY"), and its line; null: none.</summary>
    public string? OperatorKey { get; }
    public int OperatorLine { get; }

    /// <summary>How many seeds the list names by host name.</summary>
    public int NamedCount => _named.Count;

    /// <summary>"file:line: seed host 'NAME' does not resolve now: ..." for each line pinned by key whose name did not resolve when
    /// the list was read (its seed is known by its key, and its name is looked up again at each connection).</summary>
    public IReadOnlyList<string> Unresolved { get; }

    /// <summary>Reads the seed list file at <paramref name="path"/>, resolving names by DNS. A line that pins a key may name a host
    /// that does not resolve now (a seed whose host died: a node must still start), as long as some seed of the list does
    /// (<see cref="Unresolved"/> says which did not).</summary>
    /// <exception cref="SeedListException">The file is missing, a line is malformed, a name without a key does not resolve, or no
    /// seed's does (file, line and name said).</exception>
    public static SeedNames Load(string path)
    {
        if (!File.Exists(path)) throw new SeedListException($"{path}: seed list file not found");
        return Parse(File.ReadAllLines(path), path, Dns);
    }

    /// <summary>The machine's resolver of names, in the shape <see cref="Parse"/> and <c>seed-set</c> take.</summary>
    internal static (IPAddress?, string) Dns(string host) => (HostNames.Resolve(host, out string error), error);

    /// <summary>Why <paramref name="portText"/> is not a port (1-65535), or null when it is one.</summary>
    internal static string? NotAPort(int port, string portText) => port is < 1 or > 65535 ? $"'{portText}' is not a port (1-65535)" : null;

    /// <summary>The same from lines, with a resolver of names (tests give their own).</summary>
    public static SeedNames Parse(IReadOnlyList<string> lines, string fileName, Func<string, (IPAddress? Ip, string Error)> resolve)
    {
        var rewritten = new string[lines.Count];
        var unresolved = new List<string>();
        var names = new Dictionary<int, (string Host, int Port)>();
        var resolved = new Dictionary<int, NodeAddress>();
        for (int i = 0; i < lines.Count; i++)
        {
            rewritten[i] = lines[i];
            if (NameOf(lines[i]) is not { } named) continue;
            if (NotAPort(named.Port, named.PortText) is { } notAPort) throw new SeedListException($"{fileName}:{i + 1}: {notAPort}");
            var (ip, error) = resolve(named.Host);
            var key = PinnedKeyOf(named.Tail);
            if (ip == null && key == null)
                throw new SeedListException($"{fileName}:{i + 1}: seed host '{named.Host}' does not resolve: {error}");
            if (ip == null) unresolved.Add($"{fileName}:{i + 1}: seed host '{named.Host}' does not resolve now: {error}");
            string port = ":" + named.Port.ToString(CultureInfo.InvariantCulture);
            rewritten[i] = (key != null ? NameOf(key, named.Port).IpText : ip!.ToString()) + port + named.Tail;
            names[i + 1] = (named.Host, named.Port);
            if (ip != null) resolved[i + 1] = NodeAddress.FromIp(ip, named.Port);
        }
        var list = SeedListFile.ParseList(rewritten, fileName);
        if (unresolved.Count > 0 && unresolved.Count == list.Seeds.Count)
            throw new SeedListException($"{fileName}: no seed's host resolves ({string.Join("; ", unresolved)})");
        var entries = list.Seeds;
        var byAddress = entries.Where(e => names.ContainsKey(e.Line)).ToDictionary(e => e.Address, e => names[e.Line]);
        var last = entries.Where(e => resolved.ContainsKey(e.Line)).ToDictionary(e => e.Address, e => resolved[e.Line]);
        return new SeedNames(list, byAddress, last, resolve, unresolved);
    }

    /// <summary>
    /// "host:port rest" when the line's first word is a host name and a port (-1 when it is not a
    /// number; what is left, a key or a comment, is kept); null for anything else (an IP literal,
    /// a blank, a comment, a malformed line, which the Engine's parser then names).
    /// </summary>
    internal static (string Host, int Port, string PortText, string Tail)? NameOf(string line)
    {
        string text = line.TrimStart();
        int end = text.IndexOfAny([' ', '\t', '#']);
        string first = end < 0 ? text : text[..end];
        int sep = first.LastIndexOfAny([':', ',']);
        if (sep <= 0) return null;
        string host = first[..sep], portText = first[(sep + 1)..];
        if (!HostNames.LooksLikeName(host)) return null;
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port)) port = -1;
        return (host, port, portText, end < 0 ? "" : text[end..]);
    }

    /// <summary>
    /// The address a seed named by host and pinned by <paramref name="key"/> goes by at every node: 240.x.y.z (the reserved block,
    /// which nothing routes) from the key's SHA-256, and the line's port. A node never dials it: <see cref="DialAddress"/> looks the
    /// name up, and the seed's signed word says where it is (<see cref="Engine.Membership.SeedAddresses"/>).
    /// </summary>
    public static NodeAddress NameOf(NodeKey key, int port)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(key.Bytes, hash);
        return NodeAddress.FromIp(new IPAddress([240, hash[0], hash[1], hash[2]]), port);
    }

    /// <summary>The key a line's tail pins (its first word, when it is a public key); null for none or one that does not parse (the
    /// list's own check names that).</summary>
    internal static NodeKey? PinnedKeyOf(string tail)
    {
        string text = tail;
        int hash = text.IndexOf('#');
        if (hash >= 0) text = text[..hash];
        text = text.Trim();
        if (text.Length == 0 || text.Contains(' ') || text.Contains('\t')) return null;
        try
        {
            return Security.NodeIdentity.ParsePublic(text, "seed list");
        }
        catch (Security.NodeKeyException)
        {
            return null;
        }
    }

    /// <summary>
    /// Where to connect to <paramref name="seed"/> now: a seed the list named is looked up again
    /// (its container may have come back elsewhere); when the name no longer resolves, the address it had last is tried, and one
    /// that never resolved is dialled at the address its key made (which nothing routes: the dial fails, and is made again later).
    /// </summary>
    public NodeAddress DialAddress(NodeAddress seed)
    {
        if (!_named.TryGetValue(seed, out var name)) return seed;
        lock (_gate)
        {
            if (_resolve(name.Host).Ip is { } ip) _lastResolved[seed] = NodeAddress.FromIp(ip, name.Port);
            return _lastResolved.TryGetValue(seed, out var last) ? last : seed;
        }
    }
}
